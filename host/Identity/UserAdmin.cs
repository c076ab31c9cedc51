using HappyCommunity.Host.Api;
using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Identity;

/// <summary>The outcome of an admin action: done, or why not (as a field error, 403, 404 or 409).</summary>
public sealed record AdminOutcome(int Status, string? Field = null, string? Message = null, object? Value = null)
{
    public bool Ok => Status is >= 200 and < 300;
    public static AdminOutcome Done(object? value = null, int status = 200) => new(status, Value: value);
    public static AdminOutcome Invalid(string field, string message) => new(400, field, message);
    public static AdminOutcome Forbidden(string message) => new(403, Message: message);
    public static AdminOutcome NotFound(string message) => new(404, Message: message);
    public static AdminOutcome Conflict(string message) => new(409, Message: message);

    public IResult ToResult() => Status switch
    {
        200 => Results.Ok(Value),
        201 => Results.Json(Value, statusCode: 201),
        202 => Results.Json(Value, statusCode: 202),
        204 => Results.NoContent(),
        400 => Problems.Field(Field ?? "body", Message ?? "Invalid value"),
        403 => Problems.Forbidden(Message ?? ""),
        404 => Problems.NotFound(Message ?? ""),
        _ => Problems.Conflict(Message ?? ""),
    };
}

/// <summary>Creates users and grants roles, checking that the caller may do so where they ask.</summary>
public sealed class UserAdmin(
    UserManager<AppUser> users, HostDbContext db, CurrentUser caller, CentreDirectory directory,
    AccessService access, AuditLog audit, TimeProvider clock)
{
    public sealed record UserDto(string Id, string UserName, string DisplayName, IReadOnlyList<RoleDto> Roles);

    public sealed record RoleDto(int Id, string Role, string? Centre, string? Town);

    public async Task<AdminOutcome> CreateAsync(string userName, string password, string displayName, string? centreSlug, string? townSlug, string role, CancellationToken ct)
    {
        var scope = CheckScope(role, centreSlug, townSlug);
        if (!scope.Ok) return scope.Outcome!;

        if (await users.FindByNameAsync(userName) is not null)
            return AdminOutcome.Conflict($"The user name '{userName}' is already taken. 用户名已被占用。");

        var user = new AppUser { UserName = userName, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var passwordErrors = created.Errors.Where(e => e.Code.StartsWith("Password", StringComparison.Ordinal)).ToList();
            return passwordErrors.Count > 0
                ? AdminOutcome.Invalid("password", string.Join(" ", passwordErrors.Select(e => e.Description)))
                : AdminOutcome.Invalid("userName", string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, CentreId = scope.CentreId, TownId = scope.TownId });
        audit.Record("user.create", scope.CentreId, $"user:{userName}", null, new { userName, displayName, role, centre = centreSlug, town = townSlug });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AdminOutcome.Done(await DescribeAsync(user, ct), 201);
    }

    public async Task<AdminOutcome> GrantAsync(string userId, string role, string? centreSlug, string? townSlug, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return AdminOutcome.NotFound($"There is no user '{userId}'.");
        var scope = CheckScope(role, centreSlug, townSlug);
        if (!scope.Ok) return scope.Outcome!;
        if (await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.Role == role && r.CentreId == scope.CentreId && r.TownId == scope.TownId, ct))
            return AdminOutcome.Done(await DescribeAsync(user, ct));
        db.RoleAssignments.Add(new RoleAssignment { UserId = userId, Role = role, CentreId = scope.CentreId, TownId = scope.TownId });
        audit.Record("role.grant", scope.CentreId, $"user:{user.UserName}", null, new { role, centre = centreSlug, town = townSlug });
        await db.SaveChangesAsync(ct);
        access.Invalidate(userId);
        return AdminOutcome.Done(await DescribeAsync(user, ct));
    }

    public async Task<AdminOutcome> RevokeAsync(string userId, int assignmentId, CancellationToken ct)
    {
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == assignmentId && r.UserId == userId, ct);
        if (assignment is null) return AdminOutcome.NotFound("There is no such role assignment.");
        var scope = CheckScope(assignment.Role, assignment.CentreId is { } c ? directory.Find(c)?.Slug : null,
            assignment.TownId is { } t ? directory.Towns.FirstOrDefault(x => x.Id == t)?.Slug : null);
        if (!scope.Ok) return scope.Outcome!;
        if (assignment.Role == Roles.DistrictAdmin && await db.RoleAssignments.CountAsync(r => r.Role == Roles.DistrictAdmin, ct) == 1)
            return AdminOutcome.Conflict("This is the last district admin; grant the role to someone else first.");
        db.RoleAssignments.Remove(assignment);
        audit.Record("role.revoke", assignment.CentreId, $"user:{userId}", new { assignment.Role, assignment.CentreId, assignment.TownId }, null);
        await db.SaveChangesAsync(ct);
        access.Invalidate(userId);
        return AdminOutcome.Done(status: 204);
    }

    /// <summary>The users holding a role in the centre (admins of the centre), or everyone (district admins).</summary>
    public async Task<AdminOutcome> ListAsync(string? centreSlug, CancellationToken ct)
    {
        IQueryable<AppUser> query;
        if (centreSlug is not null)
        {
            var centre = directory.Find(centreSlug);
            if (centre is null) return AdminOutcome.NotFound($"There is no centre '{centreSlug}'.");
            if (caller.Access?.CanAdminister(centre, directory) != true)
                return AdminOutcome.Forbidden("Only the centre's admins may list its users.");
            var ids = db.RoleAssignments.Where(r => r.CentreId == centre.Id).Select(r => r.UserId);
            query = db.Users.Where(u => ids.Contains(u.Id));
        }
        else
        {
            if (caller.Access?.IsDistrictAdmin != true)
                return AdminOutcome.Forbidden("Name a centre you administer, or sign in as a district admin.");
            query = db.Users;
        }

        var list = await query.AsNoTracking().OrderBy(u => u.UserName).Take(500).ToListAsync(ct);
        var userIds = list.Select(u => u.Id).ToList();
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => userIds.Contains(r.UserId)).ToListAsync(ct);
        return AdminOutcome.Done(list.Select(u => ToDto(u, roles.Where(r => r.UserId == u.Id))).ToList());
    }

    private async Task<UserDto> DescribeAsync(AppUser user, CancellationToken ct)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync(ct);
        return ToDto(user, roles);
    }

    private UserDto ToDto(AppUser user, IEnumerable<RoleAssignment> roles) =>
        new(user.Id, user.UserName ?? "", user.DisplayName,
            roles.Select(r => new RoleDto(r.Id, r.Role,
                r.CentreId is { } c ? directory.Find(c)?.Slug : null,
                r.TownId is { } t ? directory.Towns.FirstOrDefault(x => x.Id == t)?.Slug : null)).ToList());

    private sealed record Scope(bool Ok, AdminOutcome? Outcome, int? CentreId = null, int? TownId = null);

    private Scope CheckScope(string role, string? centreSlug, string? townSlug)
    {
        var me = caller.Access;
        if (me is null) return new(false, AdminOutcome.Forbidden("Sign in as an admin."));
        if (!Roles.All.Contains(role))
            return new(false, AdminOutcome.Invalid("role", $"'{role}' is not a role. Use one of: {string.Join(", ", Roles.All)}."));

        if (role == Roles.DistrictAdmin)
            return me.IsDistrictAdmin ? new(true, null) : new(false, AdminOutcome.Forbidden("Only a district admin may make district admins."));

        if (role == Roles.TownAdmin)
        {
            if (string.IsNullOrWhiteSpace(townSlug)) return new(false, AdminOutcome.Invalid("town", "A town admin needs a town."));
            var town = directory.FindTown(townSlug);
            if (town is null) return new(false, AdminOutcome.Invalid("town", $"There is no town '{townSlug}'."));
            return me.IsDistrictAdmin ? new(true, null, TownId: town.Id) : new(false, AdminOutcome.Forbidden("Only a district admin may make town admins."));
        }

        if (string.IsNullOrWhiteSpace(centreSlug)) return new(false, AdminOutcome.Invalid("centre", "A centre role needs a centre."));
        var centre = directory.Find(centreSlug);
        if (centre is null) return new(false, AdminOutcome.Invalid("centre", $"There is no centre '{centreSlug}'."));
        if (!me.CanAdminister(centre, directory))
            return new(false, AdminOutcome.Forbidden($"You do not administer {centre.Name.Current}."));
        return new(true, null, CentreId: centre.Id);
    }
}
