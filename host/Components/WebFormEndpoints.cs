using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace HappyCommunity.Host.Components;

/// <summary>
/// The targets of the web pages' plain HTML forms. Each calls the same service as the API and redirects back
/// with a message, so the pages work without JavaScript and with the browser's back button.
/// </summary>
public static class WebFormEndpoints
{
    public static void MapWebFormEndpoints(this IEndpointRouteBuilder app)
    {
        var forms = app.MapGroup("").ExcludeFromDescription();

        forms.MapGet("/prefs/culture", (string? value, string? returnUrl, HttpContext http) =>
        {
            var culture = value == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(AuthEndpoints.IsLocal(returnUrl) ? returnUrl! : "/");
        });

        forms.MapGet("/prefs/large", (string? value, string? returnUrl, HttpContext http) =>
        {
            http.Response.Cookies.Append("hc-large", value == "1" ? "1" : "0",
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(AuthEndpoints.IsLocal(returnUrl) ? returnUrl! : "/");
        });

        var admin = forms.MapGroup("/admin").RequireAuthorization();

        admin.MapPost("/centres/{slug}/modules/{id}", async (string slug, string id, [FromForm] string? enabled, CentreAdmin centres, CancellationToken ct) =>
        {
            var on = enabled == "true";
            var outcome = await centres.SetModuleAsync(slug, id, on, ct);
            return Back("/admin/centres", outcome, on ? $"已开通 / Switched on: {id} @ {slug}" : $"已关闭 / Switched off: {id} @ {slug}");
        });

        admin.MapPost("/centres/{slug}/permissions/{permission}/{role}", async (string slug, string permission, string role, [FromForm] string? granted,
            PermissionAdmin permissions, CancellationToken ct) =>
        {
            var on = granted == "true";
            var outcome = await permissions.SetAsync(slug, permission, role, on, ct);
            return Back($"/admin/permissions?centre={Uri.EscapeDataString(slug)}", outcome, on ? $"已允许 / Allowed: {permission} → {role}" : $"已取消 / Withdrawn: {permission} → {role}");
        });

        admin.MapPost("/users/{id}/roles", async (string id, [FromForm] string? role, [FromForm] string? centre, UserAdmin users, CancellationToken ct) =>
        {
            var outcome = await users.GrantAsync(id, role ?? "", centre, null, ct);
            return Back("/admin/users?centre=" + Uri.EscapeDataString(centre ?? ""), outcome, $"已添加角色 / Role granted: {role}");
        });

        admin.MapPost("/users/{id}/roles/{assignmentId:int}/revoke", async (string id, int assignmentId, [FromForm] string? centre, UserAdmin users, CancellationToken ct) =>
        {
            var outcome = await users.RevokeAsync(id, assignmentId, ct);
            return Back("/admin/users?centre=" + Uri.EscapeDataString(centre ?? ""), outcome, "已移除角色 / Role revoked");
        });

        admin.MapPost("/events/{id:long}/retry", async (long id, Events.EventDeliveries deliveries, CancellationToken ct) =>
            Back("/admin/events", await deliveries.RetryAsync(id, ct), "已重新投递 / Sent again"));

        admin.MapPost("/centres", async ([FromForm] string? slug, [FromForm] string? name, [FromForm] string? nameEn, [FromForm] string? town,
            CentreAdmin centres, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(slug))
                return Back("/admin/centres", AdminOutcome.Invalid("name", "请填写名称和网址名 / Name and slug are required"), "");
            var outcome = await centres.CreateAsync(slug, name, string.IsNullOrWhiteSpace(nameEn) ? null : nameEn, town ?? "", ct);
            return Back("/admin/centres", outcome, $"已创建 / Created: {slug}");
        });

        admin.MapPost("/users", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? displayName,
            [FromForm] string? centre, [FromForm] string? role, UserAdmin users, CancellationToken ct) =>
        {
            var back = "/admin/users?centre=" + Uri.EscapeDataString(centre ?? "");
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password) || string.IsNullOrWhiteSpace(displayName))
                return Back(back, AdminOutcome.Invalid("userName", "请填写用户名、姓名和密码 / User name, name and password are required"), "");
            var outcome = await users.CreateAsync(userName.Trim(), password, displayName.Trim(), centre, null, role ?? "", ct);
            return Back(back, outcome, $"已开通 / Created: {userName}");
        });
    }

    private static IResult Back(string path, AdminOutcome outcome, string success)
    {
        var separator = path.Contains('?') ? '&' : '?';
        return outcome.Ok
            ? Results.LocalRedirect($"{path}{separator}msg={Uri.EscapeDataString(success)}")
            : Results.LocalRedirect($"{path}{separator}error={Uri.EscapeDataString(outcome.Message ?? "")}");
    }
}
