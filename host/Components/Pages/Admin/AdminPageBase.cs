using HappyCommunity.Host.Identity;
using Microsoft.AspNetCore.Components;

namespace HappyCommunity.Host.Components.Pages.Admin;

/// <summary>Admin pages answer 403 (with a plain explanation on the page) to signed-in users who administer nothing.</summary>
public abstract class AdminPageBase : ComponentBase
{
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [Inject] private CurrentUser Caller { get; set; } = default!;

    protected override void OnInitialized()
    {
        if (Caller.Access?.IsAnyAdmin != true)
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
