using System.Security.Cryptography;
using System.Text;
using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Repair.Features;

public sealed record CategoryInput(string? Code, string? NameZh, string? NameEn, int? ResponseHours, int? ResolutionHours, int? TeamId, bool? VolunteerEligible, bool? Active);
public sealed record TeamInput(string? Name, IReadOnlyList<string>? MemberIds);
public sealed record TeamDto(int Id, string Name, IReadOnlyList<StaffDto> Members);
public sealed record StaffDto(string UserId, string DisplayName, int OpenLoad, DateTimeOffset? LastAssignedAt, bool OnDuty, IReadOnlyList<SlotDto> Slots);
public sealed record SlotDto(string Day, string Start, string End);
public sealed record RosterInput(IReadOnlyList<SlotDto>? Slots);
public sealed record Open311ClientInput(string? Name);
public sealed record Open311ClientDto(int Id, string Name, string KeyPrefix, bool Revoked, DateTimeOffset CreatedAt, string? ApiKey);

/// <summary>The centre admin's set-up: categories, teams, the duty roster, Open311 clients; and the staff list for dispatchers.</summary>
public static class SetupEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/categories", async (CategoryInput input, RepairSetup setup, CancellationToken ct) => Result(await setup.SaveCategoryAsync(null, input, ct), created: true))
            .WithName("CreateRepairCategory").WithSummary("Add a category").RequirePermission(RepairPermissions.Manage);
        api.MapPut("/categories/{id:int}", async (int id, CategoryInput input, RepairSetup setup, CancellationToken ct) => Result(await setup.SaveCategoryAsync(id, input, ct)))
            .WithName("UpdateRepairCategory").WithSummary("Change a category").RequirePermission(RepairPermissions.Manage);

        api.MapGet("/teams", async (RepairSetup setup, CancellationToken ct) => TypedResults.Ok(await setup.TeamsAsync(ct)))
            .WithName("ListRepairTeams").WithSummary("Teams and their members").RequirePermission(RepairPermissions.Dispatch);
        api.MapPost("/teams", async (TeamInput input, RepairSetup setup, CancellationToken ct) => Result(await setup.SaveTeamAsync(null, input, ct), created: true))
            .WithName("CreateRepairTeam").WithSummary("Add a team").RequirePermission(RepairPermissions.Manage);
        api.MapPut("/teams/{id:int}", async (int id, TeamInput input, RepairSetup setup, CancellationToken ct) => Result(await setup.SaveTeamAsync(id, input, ct)))
            .WithName("UpdateRepairTeam").WithSummary("Rename a team and set its members").RequirePermission(RepairPermissions.Manage);

        api.MapGet("/staff", async (RepairSetup setup, CancellationToken ct) => TypedResults.Ok(await setup.StaffAsync(ct)))
            .WithName("ListRepairStaff").WithSummary("Property staff with their load, duty slots and whether on duty now").RequirePermission(RepairPermissions.Dispatch);
        api.MapPut("/staff/{userId}/roster", async (string userId, RosterInput input, RepairSetup setup, CancellationToken ct) => Result(await setup.SaveRosterAsync(userId, input, ct)))
            .WithName("SetRepairRoster").WithSummary("Set a staff member's weekly duty slots (day, start HH:mm, end HH:mm)").RequirePermission(RepairPermissions.Manage);

        api.MapGet("/open311-clients", async (RepairDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Open311Clients.AsNoTracking().OrderBy(c => c.Id)
                    .Select(c => new Open311ClientDto(c.Id, c.Name, c.KeyPrefix, c.Revoked, c.CreatedAt, null)).ToListAsync(ct)))
            .WithName("ListOpen311Clients").WithSummary("Open311 clients and their key prefixes").RequirePermission(RepairPermissions.Manage);
        api.MapPost("/open311-clients", async (Open311ClientInput input, RepairSetup setup, CancellationToken ct) => Result(await setup.IssueKeyAsync(input, ct), created: true))
            .WithName("IssueOpen311Key").WithSummary("Issue an API key to an Open311 client (shown once)").RequirePermission(RepairPermissions.Manage);
        api.MapDelete("/open311-clients/{id:int}", async (int id, RepairDbContext db, CancellationToken ct) =>
            {
                var client = await db.Open311Clients.FirstOrDefaultAsync(c => c.Id == id, ct);
                if (client is null) return Outcome<object>.NotFound().ToProblem();
                client.Revoked = true;
                await db.SaveChangesAsync(ct);
                return Results.NoContent();
            })
            .WithName("RevokeOpen311Key").WithSummary("Revoke a client's key").RequirePermission(RepairPermissions.Manage);
    }

    private static IResult Result<T>(Outcome<T> outcome, bool created = false) =>
        !outcome.Ok ? outcome.ToProblem() : created ? Results.Json(outcome.Value, statusCode: 201) : Results.Ok(outcome.Value);
}

/// <summary>The set-up operations, shared by the API and the settings page.</summary>
public sealed class RepairSetup(RepairDbContext db, ICentreMembers members, RepairService repair, TimeProvider clock)
{
    public async Task<Outcome<CategoryDto>> SaveCategoryAsync(int? id, CategoryInput input, CancellationToken ct)
    {
        await repair.EnsureSetupAsync(ct);
        Category? category = null;
        if (id is not null && (category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct)) is null)
            return Outcome<CategoryDto>.NotFound();
        var nameZh = input.NameZh?.Trim() ?? category?.NameZh;
        if (string.IsNullOrEmpty(nameZh) || nameZh.Length > 40)
            return Outcome<CategoryDto>.Invalid("nameZh", new("请填写中文名称（最多 40 字）。", "The Chinese name is required (at most 40 characters)."));
        var code = (input.Code?.Trim().ToLowerInvariant() ?? category?.Code ?? "").Trim();
        if (code.Length is < 2 or > 40 || !code.All(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            return Outcome<CategoryDto>.Invalid("code", new("代码用 2–40 个小写字母、数字或连字符。", "code must be 2–40 lowercase letters, digits or hyphens."));
        if (await db.Categories.AnyAsync(c => c.Code == code && c.Id != (id ?? 0), ct))
            return Outcome<CategoryDto>.Invalid("code", new("这个代码已被其他类别使用。", "Another category already uses this code."));
        var response = input.ResponseHours ?? category?.ResponseHours ?? 24;
        var resolution = input.ResolutionHours ?? category?.ResolutionHours ?? 72;
        if (response is < 1 or > 720)
            return Outcome<CategoryDto>.Invalid("responseHours", new("响应时限为 1–720 小时。", "responseHours must be from 1 to 720."));
        if (resolution < response || resolution > 2160)
            return Outcome<CategoryDto>.Invalid("resolutionHours", new("解决时限不能短于响应时限，最长 2160 小时。", "resolutionHours must be at least responseHours and at most 2160."));
        var teamId = input.TeamId ?? category?.TeamId;
        if (input.TeamId is { } t && !await db.Teams.AnyAsync(x => x.Id == t, ct))
            return Outcome<CategoryDto>.Invalid("teamId", new("没有这个班组。", "There is no such team."));

        category ??= db.Categories.Add(new Category { SortOrder = 1000 }).Entity;
        category.Code = code;
        category.NameZh = nameZh;
        category.NameEn = input.NameEn?.Trim() ?? category.NameEn;
        category.ResponseHours = response;
        category.ResolutionHours = resolution;
        category.TeamId = teamId;
        category.VolunteerEligible = input.VolunteerEligible ?? category.VolunteerEligible;
        category.Active = input.Active ?? category.Active;
        await db.SaveChangesAsync(ct);
        return Outcome<CategoryDto>.Success((await repair.CategoriesAsync(true, ct)).First(c => c.Id == category.Id));
    }

    public async Task<IReadOnlyList<TeamDto>> TeamsAsync(CancellationToken ct)
    {
        await repair.EnsureSetupAsync(ct);
        var staff = (await StaffAsync(ct)).ToDictionary(s => s.UserId);
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Id).ToListAsync(ct);
        return teams.Select(t => new TeamDto(t.Id, t.Name, t.Members.Select(m => staff.TryGetValue(m.UserId, out var s) ? s
            : new StaffDto(m.UserId, m.UserId, 0, null, false, [])).ToList())).ToList();
    }

    public async Task<Outcome<TeamDto>> SaveTeamAsync(int? id, TeamInput input, CancellationToken ct)
    {
        await repair.EnsureSetupAsync(ct);
        Team? team = null;
        if (id is not null && (team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct)) is null)
            return Outcome<TeamDto>.NotFound();
        var name = input.Name?.Trim() ?? team?.Name;
        if (string.IsNullOrEmpty(name) || name.Length > 40)
            return Outcome<TeamDto>.Invalid("name", new("请填写班组名称（最多 40 字）。", "The team name is required (at most 40 characters)."));
        var property = (await members.ListAsync(Roles.PropertyStaff, ct)).ToDictionary(m => m.UserId);
        var ids = (input.MemberIds ?? team?.Members.Select(m => m.UserId).ToList() ?? []).Distinct().ToList();
        var unknown = ids.FirstOrDefault(x => !property.ContainsKey(x));
        if (unknown is not null)
            return Outcome<TeamDto>.Invalid("memberIds", new("班组成员必须是本中心的维修人员。", $"'{unknown}' is not property staff of this centre."));

        team ??= db.Teams.Add(new Team()).Entity;
        team.Name = name;
        team.Members.RemoveAll(m => !ids.Contains(m.UserId));
        foreach (var userId in ids.Where(x => team.Members.All(m => m.UserId != x)))
            team.Members.Add(new TeamMember { UserId = userId });
        foreach (var userId in ids)
        {
            var staff = await db.Staff.FirstOrDefaultAsync(s => s.UserId == userId, ct);
            if (staff is null) db.Staff.Add(new StaffMember { UserId = userId, DisplayName = property[userId].DisplayName });
            else staff.DisplayName = property[userId].DisplayName;
        }
        await db.SaveChangesAsync(ct);
        return Outcome<TeamDto>.Success((await TeamsAsync(ct)).First(t => t.Id == team.Id));
    }

    public async Task<IReadOnlyList<StaffDto>> StaffAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var property = await members.ListAsync(Roles.PropertyStaff, ct);
        var loads = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.UserId, ct);
        var slots = (await db.DutySlots.AsNoTracking().ToListAsync(ct)).ToLookup(s => s.UserId);
        return property.Select(m =>
        {
            var mine = slots[m.UserId].OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.StartMinute).ToList();
            loads.TryGetValue(m.UserId, out var load);
            return new StaffDto(m.UserId, m.DisplayName, load?.OpenLoad ?? 0, load?.LastAssignedAt,
                Domain.Roster.IsOnDuty(mine.Select(s => new Domain.Roster.Slot(s.Day, s.StartMinute, s.EndMinute)), now),
                mine.Select(s => new SlotDto(s.Day.ToString().ToLowerInvariant(), Clock(s.StartMinute), Clock(s.EndMinute))).ToList());
        }).ToList();
    }

    public async Task<Outcome<StaffDto>> SaveRosterAsync(string userId, RosterInput input, CancellationToken ct)
    {
        var member = await members.FindAsync(userId, ct);
        if (member is null || !member.Roles.Contains(Roles.PropertyStaff))
            return Outcome<StaffDto>.Fail(404, new("本中心没有这位维修人员。", "There is no such property staff member in this centre."));
        var slots = new List<DutySlot>();
        var list = input.Slots ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (!Enum.TryParse<DayOfWeek>(s.Day, ignoreCase: true, out var day) || int.TryParse(s.Day, out _))
                return Outcome<StaffDto>.Invalid($"slots[{i}].day", new("星期写法：monday … sunday。", "day must be monday … sunday."));
            if (ParseClock(s.Start) is not { } start)
                return Outcome<StaffDto>.Invalid($"slots[{i}].start", new("时间写法：HH:mm，如 08:00。", "start must be HH:mm, e.g. 08:00."));
            if (ParseClock(s.End) is not { } end || end == start)
                return Outcome<StaffDto>.Invalid($"slots[{i}].end", new("结束时间写法：HH:mm，且不能等于开始时间。", "end must be HH:mm and differ from start."));
            slots.Add(new DutySlot { UserId = userId, Day = day, StartMinute = start, EndMinute = end });
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DutySlots.RemoveRange(await db.DutySlots.Where(d => d.UserId == userId).ToListAsync(ct));
        db.DutySlots.AddRange(slots);
        if (!await db.Staff.AnyAsync(s => s.UserId == userId, ct))
            db.Staff.Add(new StaffMember { UserId = userId, DisplayName = member.DisplayName });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<StaffDto>.Success((await StaffAsync(ct)).First(s => s.UserId == userId));
    }

    public async Task<Outcome<Open311ClientDto>> IssueKeyAsync(Open311ClientInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
            return Outcome<Open311ClientDto>.Invalid("name", new("请填写客户端名称。", "The client's name is required."));
        var key = "o311_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var client = new Open311Client { Name = name, KeyHash = HashKey(key), KeyPrefix = key[..9] };
        db.Open311Clients.Add(client);
        await db.SaveChangesAsync(ct);
        return Outcome<Open311ClientDto>.Success(new Open311ClientDto(client.Id, client.Name, client.KeyPrefix, false, client.CreatedAt, key));
    }

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Clock(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    public static int? ParseClock(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
            ? t.Hour * 60 + t.Minute
            : null;
}
