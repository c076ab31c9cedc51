using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using HappyCommunity.Host.Api;
using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Residents;

/// <summary>The centre's resident register: <c>/api/c/{centre}/residents</c>.</summary>
public static partial class ResidentsEndpoints
{
    [GeneratedRegex("^[a-z][a-z0-9-]{0,29}$")]
    private static partial Regex TagPattern();

    public sealed record ResidentRequest(
        [property: Required(ErrorMessage = "请填写姓名 / Name is required"), StringLength(50, MinimumLength = 1)] string Name,
        [property: StringLength(20), RegularExpression(@"^[0-9+\- ]{5,20}$", ErrorMessage = "电话号码格式不对 / Not a phone number")] string? Phone = null,
        [property: StringLength(20)] string? Building = null,
        [property: StringLength(20)] string? Unit = null,
        [property: StringLength(20)] string? Room = null,
        [property: StringLength(50)] string? Grid = null,
        IReadOnlyList<string>? Tags = null,
        string? UserId = null);

    public sealed record ResidentDto(Guid Id, string Name, string? Phone, string? Building, string? Unit, string? Room, string? Grid,
        IReadOnlyList<string> Tags, string? UserId, DateTimeOffset CreatedAt, string? CreatedBy, string CreatedVia);

    public static void MapResidentsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/c/{centre}/residents").RequireAuthorization().WithTags("Residents");

        group.MapGet("/", async (string? q, int? take, HostDbContext db, CentreContext here, CancellationToken ct) =>
            {
                var c = here.RequiredCentre();
                var rows = await Search(db, c, q).Take(Math.Clamp(take ?? 50, 1, 200)).ToListAsync(ct);
                return Results.Ok(rows.Select(ToDto));
            })
            .RequirePermission(ResidentsPermissions.Read)
            .WithSummary("Search the centre's residents (staff)");

        group.MapGet("/{id:guid}", async (Guid id, HostDbContext db, CentreContext here, CurrentUser user, CancellationToken ct) =>
            {
                var c = here.RequiredCentre();
                var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.CentreId == c.Id, ct);
                if (resident is null)
                    return Problems.NotFound("There is no such resident in this centre.");
                if (!user.HasPermission(ResidentsPermissions.Read) && resident.UserId != user.UserId)
                    return Problems.Forbidden("Residents may only read their own record.");
                return Results.Ok(ToDto(resident));
            })
            .WithSummary("A resident's record (staff, or the resident themselves)");

        group.MapPost("/", async (ResidentRequest request, HostDbContext db, CentreContext here, AuditLog audit, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            {
                var c = here.RequiredCentre();
                var (created, problem) = await RegisterAsync(request, c, db, audit, user, clock, ct);
                return problem ?? Results.Created($"/api/c/{c.Slug}/residents/{created!.Id}", created);
            })
            .RequirePermission(ResidentsPermissions.Manage)
            .WithSummary("Register a resident (staff; send X-Service-Channel: counter|phone|home-visit when acting for them)");

        group.MapPut("/{id:guid}", async (Guid id, ResidentRequest request, HostDbContext db, CentreContext here, AuditLog audit, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            {
                var c = here.RequiredCentre();
                var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == id && r.CentreId == c.Id, ct);
                if (resident is null) return Problems.NotFound("There is no such resident in this centre.");
                if (Validate(request) is { } invalid) return invalid;
                if (await UserLinkProblemAsync(db, request.UserId, c.Id, id, ct) is { } linkProblem) return linkProblem;
                var before = ToDto(resident);
                Apply(resident, request);
                audit.Record("resident.update", c.Id, $"resident:{resident.Id}", before, request);
                await StampAndSaveAsync(db, user, clock, ct);
                return Results.Ok(ToDto(resident));
            })
            .RequirePermission(ResidentsPermissions.Manage)
            .WithSummary("Update a resident's record (staff)");
    }

    /// <summary>Registers a resident of the centre: checked, audited (with the channel), stamped. Used by the API and the staff page.</summary>
    public static async Task<(ResidentDto? Created, IResult? Problem)> RegisterAsync(ResidentRequest request, CentreInfo c, HostDbContext db,
        AuditLog audit, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (Validate(request) is { } invalid) return (null, invalid);
        if (await UserLinkProblemAsync(db, request.UserId, c.Id, null, ct) is { } linkProblem) return (null, linkProblem);
        var resident = new Resident { Id = Guid.CreateVersion7(), CentreId = c.Id };
        Apply(resident, request);
        db.Residents.Add(resident);
        audit.Record("resident.create", c.Id, $"resident:{resident.Id}", null, request);
        await StampAndSaveAsync(db, user, clock, ct);
        return (ToDto(resident), null);
    }

    public static ResidentDto Describe(Resident r) => ToDto(r);

    /// <summary>The centre's residents whose name, phone or building contains the text, by name (the API's and the staff page's search).</summary>
    public static IQueryable<Resident> Search(HostDbContext db, CentreInfo c, string? text)
    {
        var query = db.Residents.AsNoTracking().Where(r => r.CentreId == c.Id);
        if (!string.IsNullOrWhiteSpace(text))
            query = query.Where(r => r.Name.Contains(text) || (r.Phone != null && r.Phone.Contains(text)) || (r.Building != null && r.Building.Contains(text)));
        return query.OrderBy(r => r.Name);
    }

    private static CentreInfo RequiredCentre(this CentreContext context) =>
        context.Centre ?? throw new InvalidOperationException("The gate sets the centre for every /api/c/{centre} route.");

    private static IResult? Validate(ResidentRequest request)
    {
        foreach (var tag in request.Tags ?? [])
            if (!TagPattern().IsMatch(tag))
                return Problems.Field("tags", $"'{tag}' is not a tag: use lower-case letters, digits and dashes (e.g. elderly, lives-alone).");
        return null;
    }

    private static async Task<IResult?> UserLinkProblemAsync(HostDbContext db, string? userId, int centreId, Guid? self, CancellationToken ct)
    {
        if (userId is null) return null;
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            return Problems.Field("userId", "There is no user with this id.");
        if (await db.Residents.AnyAsync(r => r.CentreId == centreId && r.UserId == userId && r.Id != self, ct))
            return Problems.Field("userId", "This user is already linked to another resident of this centre.");
        return null;
    }

    private static void Apply(Resident r, ResidentRequest request)
    {
        r.Name = request.Name.Trim();
        r.Phone = request.Phone?.Trim();
        r.Building = request.Building?.Trim();
        r.Unit = request.Unit?.Trim();
        r.Room = request.Room?.Trim();
        r.Grid = request.Grid?.Trim();
        r.Tags = string.Join(',', (request.Tags ?? []).Select(t => t.Trim()).Distinct());
        r.UserId = request.UserId;
    }

    /// <summary>Stamps audit fields on residents (the host's store is not a <see cref="CentreDbContext"/>).</summary>
    private static async Task StampAndSaveAsync(HostDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var entry in db.ChangeTracker.Entries<Resident>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.CreatedBy = user.UserId;
                entry.Entity.CreatedVia = user.Channel;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedBy = user.UserId;
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static ResidentDto ToDto(Resident r) =>
        new(r.Id, r.Name, r.Phone, r.Building, r.Unit, r.Room, r.Grid, r.TagList, r.UserId, r.CreatedAt, r.CreatedBy, r.CreatedVia.ToString());
}
