using System.Security.Claims;
using HappyCommunity.Host.Api;
using HappyCommunity.Host.Identity;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Components.Endpoints;

namespace HappyCommunity.Host.Centres;

/// <summary>
/// Runs after routing and authentication, before authorization, on every request:
/// resolves the centre from the route (404 if unknown), answers 404 for a module that is off for that centre
/// (or not running), and admits only users who hold a role in that centre (or a town or district admin over it).
/// </summary>
public sealed class CentreGateMiddleware(RequestDelegate next, CentreDirectory directory, PluginCatalog catalog)
{
    public async Task InvokeAsync(HttpContext http, CentreContext centreContext, CurrentUser currentUser, AccessService access)
    {
        var isApi = http.Request.Path.StartsWithSegments("/api");
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
            currentUser.SignedIn(http.User, await access.GetAsync(userId, http.RequestAborted), ReadChannel(http));

        var endpoint = http.GetEndpoint();
        if (endpoint is null)
        {
            await next(http);
            return;
        }

        var moduleId = ModuleOf(endpoint);
        if (moduleId is not null && catalog.FindRunning(moduleId) is null)
        {
            await RefuseAsync(http, isApi, 404, "Not found / 未找到", $"The module '{moduleId}' is not running on this host.", "这项服务暂时无法使用。");
            return;
        }

        if (http.GetRouteValue("centre") is not string slug)
        {
            if (moduleId is not null)
                await RefuseAsync(http, isApi, 404, "Not found / 未找到", "Module pages and endpoints live under a centre.", "请先选择一个社区中心。");
            else
                await next(http);
            return;
        }

        var centre = directory.Find(slug);
        if (centre is null)
        {
            await RefuseAsync(http, isApi, 404, "Centre not found / 未找到该社区中心", $"There is no centre '{slug}'.", $"没有名为“{slug}”的社区中心。");
            return;
        }

        if (moduleId is not null && !directory.IsEnabled(centre.Id, moduleId))
        {
            await RefuseAsync(http, isApi, 404, "Service not available here / 本中心未开通此服务",
                $"The module '{moduleId}' is not switched on for {centre.Name.For(English)}.",
                $"{centre.Name.Zh}还没有开通“{catalog.FindRunning(moduleId)?.Manifest?.Name?.Zh ?? moduleId}”服务。");
            return;
        }

        centreContext.Centre = centre;

        if (endpoint.Metadata.GetMetadata<PublicCentreEndpointMetadata>() is not null)
        {
            await next(http);
            return;
        }

        if (!currentUser.IsAuthenticated)
        {
            if (isApi)
                await Problems.WriteAsync(http, 401, "Sign in required / 请先登录", "Sign in to use this centre's services.");
            else
                http.Response.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
            return;
        }

        if (currentUser.Roles.Count == 0)
        {
            await RefuseAsync(http, isApi, 403, "Forbidden / 无权访问",
                $"You do not belong to {centre.Name.For(English)}. Ask its staff to add you.",
                $"您还不是{centre.Name.Zh}的成员，请联系中心工作人员为您开通。");
            return;
        }

        await next(http);
    }

    private string? ModuleOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ModuleEndpointMetadata>() is { } module)
            return module.ModuleId;
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
            return catalog.FindByAssembly(component.Type.Assembly)?.Id;
        return null;
    }

    private static ServiceChannel ReadChannel(HttpContext http) =>
        http.Request.Headers["X-Service-Channel"].ToString() switch
        {
            "counter" => ServiceChannel.Counter,
            "phone" => ServiceChannel.Phone,
            "home-visit" => ServiceChannel.HomeVisit,
            _ => ServiceChannel.Self,
        };

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en");

    private static Task RefuseAsync(HttpContext http, bool isApi, int status, string title, string detailEn, string detailZh)
    {
        if (isApi)
            return Problems.WriteAsync(http, status, title, detailEn);
        http.Response.StatusCode = status; // the status-code page renders a friendly explanation
        http.Items["gate.detail"] = LocalizedText.Pick(detailZh, detailEn);
        return Task.CompletedTask;
    }
}
