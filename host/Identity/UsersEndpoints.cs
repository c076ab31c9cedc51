using System.ComponentModel.DataAnnotations;

namespace HappyCommunity.Host.Identity;

public static class UsersEndpoints
{
    public sealed record CreateUserRequest(
        [property: Required, StringLength(50, MinimumLength = 3)] string UserName,
        [property: Required, StringLength(100, MinimumLength = 8)] string Password,
        [property: Required, StringLength(100, MinimumLength = 1)] string DisplayName,
        string? Centre,
        [property: Required] string Role,
        string? Town = null);

    public sealed record SetPermissionRequest([property: System.ComponentModel.DataAnnotations.Required] bool? Granted);

    public sealed record GrantRoleRequest([property: Required] string Role, string? Centre, string? Town = null);

    public static void MapUsersEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization().WithTags("Admin");

        users.MapPost("/", async (CreateUserRequest request, UserAdmin admin, CancellationToken ct) =>
                (await admin.CreateAsync(request.UserName.Trim(), request.Password, request.DisplayName.Trim(), request.Centre, request.Town, request.Role, ct)).ToResult())
            .WithSummary("Create a user with a role (district admin, or an admin of the centre)");

        users.MapGet("/", async (string? centre, UserAdmin admin, CancellationToken ct) => (await admin.ListAsync(centre, ct)).ToResult())
            .WithSummary("List the users of a centre (its admins) or of the district (district admins)");

        users.MapPost("/{id}/roles", async (string id, GrantRoleRequest request, UserAdmin admin, CancellationToken ct) =>
                (await admin.GrantAsync(id, request.Role, request.Centre, request.Town, ct)).ToResult())
            .WithSummary("Grant a role to a user");

        var permissions = app.MapGroup("/api/centres/{slug}/permissions").RequireAuthorization().WithTags("Admin");
        permissions.MapGet("/", (string slug, PermissionAdmin admin) => admin.List(slug).ToResult())
            .WithSummary("Which of the centre's roles hold which permission (its admins)");
        permissions.MapPut("/{permission}/roles/{role}", async (string slug, string permission, string role, SetPermissionRequest request, PermissionAdmin admin, CancellationToken ct) =>
                (await admin.SetAsync(slug, permission, role, request.Granted!.Value, ct)).ToResult())
            .WithSummary("Grant or withdraw a permission for a role at the centre (its admins)");

        users.MapDelete("/{id}/roles/{assignmentId:int}", async (string id, int assignmentId, UserAdmin admin, CancellationToken ct) =>
                (await admin.RevokeAsync(id, assignmentId, ct)).ToResult())
            .WithSummary("Revoke a role from a user");
    }
}
