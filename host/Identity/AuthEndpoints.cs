using System.ComponentModel.DataAnnotations;
using HappyCommunity.Host.Api;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HappyCommunity.Host.Identity;

/// <summary>Sign-in for API clients (bearer tokens) and for the web pages (cookie), both through ASP.NET Core Identity.</summary>
public static class AuthEndpoints
{
    public const string RateLimitPolicy = "auth";

    public sealed record LoginRequest(
        [property: Required(ErrorMessage = "请输入用户名 / User name is required")] string UserName,
        [property: Required(ErrorMessage = "请输入密码 / Password is required")] string Password);

    public sealed record RefreshRequest([property: Required] string RefreshToken);

    public sealed record MeCentre(string Slug, string Name, string Town, IReadOnlyList<string> Roles);

    public sealed record MeResponse(string Id, string UserName, string DisplayName, IReadOnlyList<string> GlobalRoles, IReadOnlyList<MeCentre> Centres);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Identity").RequireRateLimiting(RateLimitPolicy);

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest request, SignInManager<AppUser> signIn) =>
            {
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                    return TypedResults.Empty; // the bearer handler has written {tokenType, accessToken, expiresIn, refreshToken}
                return LoginProblem(result);
            })
            .WithSummary("Sign in and get a bearer token")
            .Produces<AccessTokenResponse>();

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
                RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock) =>
            {
                var ticket = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
                    return TypedResults.Problem("The refresh token is not valid or has expired. Sign in again.", statusCode: 401, title: "Sign in required / 请重新登录");
                var principal = await signIn.CreateUserPrincipalAsync(user);
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .WithSummary("Exchange a refresh token for a new bearer token");

        app.MapGet("/api/me", async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> (CurrentUser user, CentreDirectory directory) =>
            {
                if (user.Access is not { } access) return TypedResults.Unauthorized();
                var centres = directory.Centres
                    .Select(c => (Centre: c, Roles: access.RolesIn(c, directory)))
                    .Where(x => x.Roles.Count > 0)
                    .OrderBy(x => x.Centre.TownSlug).ThenBy(x => x.Centre.Slug)
                    .Select(x => new MeCentre(x.Centre.Slug, x.Centre.Name.Current, x.Centre.TownSlug, x.Roles.Order().ToList()))
                    .ToList();
                var global = access.Assignments.Where(a => a.CentreId is null).Select(a => a.Role).Distinct().Order().ToList();
                return TypedResults.Ok(new MeResponse(user.UserId!, user.UserName ?? "", user.DisplayName ?? "", global, centres));
            })
            .RequireAuthorization()
            .WithTags("Identity")
            .WithSummary("The signed-in user, their centres and roles");

        // Web pages: cookie sign-in from a plain form (antiforgery checked by the framework).
        app.MapPost("/account/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
                SignInManager<AppUser> signIn, HttpContext http) =>
            {
                var back = IsLocal(returnUrl) ? returnUrl! : "/";
                if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
                    return Results.LocalRedirect($"/login?error=missing&returnUrl={Uri.EscapeDataString(back)}");
                signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
                var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: true, lockoutOnFailure: true);
                if (result.Succeeded)
                    return Results.LocalRedirect(back);
                var error = result.IsLockedOut ? "locked" : "invalid";
                return Results.LocalRedirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
            })
            .RequireRateLimiting(RateLimitPolicy)
            .ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http) =>
            {
                await http.SignOutAsync(IdentityConstants.ApplicationScheme);
                return Results.LocalRedirect("/");
            })
            .ExcludeFromDescription();
    }

    private static ProblemHttpResult LoginProblem(Microsoft.AspNetCore.Identity.SignInResult result) =>
        result.IsLockedOut
            ? TypedResults.Problem("Too many failed attempts: the account is locked for a while. 尝试次数过多，账号已暂时锁定，请稍后再试。",
                statusCode: 401, title: "Account locked / 账号已锁定", extensions: new Dictionary<string, object?> { ["code"] = "locked_out" })
            : TypedResults.Problem("The user name or password is wrong. 用户名或密码错误。",
                statusCode: 401, title: "Sign in failed / 登录失败", extensions: new Dictionary<string, object?> { ["code"] = "invalid_credentials" });

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
