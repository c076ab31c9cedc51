using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HappyCommunity.Modules.Repair.Features;

/// <summary>
/// Everything that changes a request: submission with auto-dispatch, and every action of the life cycle. The API, the
/// pages and Open311 all come through here, so the rules, the timeline, the load counters and the notices never differ.
/// Each change runs in one write transaction (SQLite's <c>BEGIN IMMEDIATE</c>), and the row's version is checked on save.
/// </summary>
public sealed partial class RepairService(
    RepairDbContext db, ICentreContext centre, ICurrentUser user, IResidentDirectory residents, ICentreMembers members,
    IPhotoStore photos, INotifier notifier, RepairSettings settings, ICentreScopeFactory scopes, TimeProvider clock, ILogger<RepairService> logger)
{
    public const int MaxPhotos = 3;
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(48);

    private CentreInfo Centre => centre.RequiredCentre;

    // ---------- reading ----------

    public Standing StandingOf(RepairRequest r, bool isFollower = false)
    {
        var s = Standing.None;
        var id = user.UserId;
        if (id is not null && (r.ReporterUserId == id || r.ResidentUserId == id)) s |= Standing.Reporter;
        else if (isFollower) s |= Standing.Follower;
        if (id is not null && r.AssigneeId == id) s |= Standing.Assignee;
        if (user.HasPermission(RepairPermissions.Work)) s |= Standing.Worker;
        if (user.HasPermission(RepairPermissions.Dispatch)) s |= Standing.Dispatcher;
        return s;
    }

    public bool IsStaff => user.HasPermission(RepairPermissions.Work) || user.HasPermission(RepairPermissions.Dispatch);

    /// <summary>The requests this user may see: staff see the centre's, everyone else their own and those they follow.</summary>
    public IQueryable<RepairRequest> Visible()
    {
        if (IsStaff) return db.Requests;
        var id = user.UserId ?? "";
        return db.Requests.Where(r => r.ReporterUserId == id || r.ResidentUserId == id || db.Followers.Any(f => f.RequestId == r.Id && f.UserId == id));
    }

    public async Task<IReadOnlyList<RequestSummary>> ListAsync(RequestStatus? status, bool mine, bool assignedToMe, bool overdue, int take, CancellationToken ct)
    {
        var id = user.UserId ?? "";
        var q = Visible().AsNoTracking();
        if (status is { } s) q = q.Where(r => r.Status == s);
        if (mine) q = q.Where(r => r.ReporterUserId == id || r.ResidentUserId == id);
        if (assignedToMe) q = q.Where(r => r.AssigneeId == id);
        if (overdue) q = q.Where(r => r.ResponseOverdue || r.ResolutionOverdue);
        var rows = await q.OrderByDescending(r => r.Id).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        if (!IsStaff)
            foreach (var r in rows.Where(r => r.ReporterUserId != id && r.ResidentUserId != id))
            {
                // Followed, not reported: a neighbour's unit and room stay theirs.
                r.Unit = null;
                r.Room = null;
            }
        return await SummariesAsync(rows, ct);
    }

    public async Task<IReadOnlyList<RequestSummary>> SummariesAsync(IReadOnlyList<RepairRequest> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var categories = await CategoryNamesAsync(ct);
        var names = await StaffNamesAsync(rows.Select(r => r.AssigneeId), ct);
        return rows.Select(r => new RequestSummary(r.Id, r.Status.Token(), r.Status.Label().Current, r.Description, r.CategoryId,
            r.CategoryId is { } c && categories.TryGetValue(c, out var n) ? n.Current : null,
            Locations.Describe(r.Building, r.Unit, r.Room, r.LocationText), r.AssigneeId,
            r.AssigneeId is { } a && names.TryGetValue(a, out var an) ? an : null,
            r.CreatedAt, r.ResponseDueAt, r.ResolutionDueAt, r.ResponseOverdue || r.ResolutionOverdue, r.Vulnerable)).ToList();
    }

    public async Task<Outcome<RequestDetail>> GetAsync(int id, CancellationToken ct)
    {
        var r = await db.Requests.AsNoTracking().Include(x => x.Photos).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Outcome<RequestDetail>.NotFound();
        var follower = user.UserId is { } uid && await db.Followers.AnyAsync(f => f.RequestId == id && f.UserId == uid, ct);
        var standing = StandingOf(r, follower);
        if (standing == Standing.None) return Outcome<RequestDetail>.NotFound(); // not theirs: do not even confirm it exists
        var staffView = standing.HasFlag(Standing.Worker) || standing.HasFlag(Standing.Dispatcher) || standing.HasFlag(Standing.Assignee);
        var timeline = await db.Timeline.AsNoTracking().Where(t => t.RequestId == id && (staffView || !t.Internal))
            .OrderBy(t => t.At).ThenBy(t => t.Id).ToListAsync(ct);
        var categories = await CategoryNamesAsync(ct);
        var names = await StaffNamesAsync([r.AssigneeId], ct);
        var basePath = $"/api/c/{Centre.Slug}/repair/requests/{r.Id}/photos/";
        var facts = new RequestFacts(r.Status, r.ResolvedAt, r.Rating is not null);
        return Outcome<RequestDetail>.Success(new RequestDetail(
            r.Id, r.Status.Token(), r.Status.Label().Current, r.Description, r.CategoryId,
            r.CategoryId is { } c && categories.TryGetValue(c, out var cn) ? cn.Current : null,
            r.Building, staffView || standing.HasFlag(Standing.Reporter) ? r.Unit : null, staffView || standing.HasFlag(Standing.Reporter) ? r.Room : null, r.LocationText,
            staffView || standing.HasFlag(Standing.Reporter) ? r.ContactName : null, staffView || standing.HasFlag(Standing.Reporter) ? r.ContactPhone : null,
            r.ResidentId, r.ReporterUserId, r.AssigneeId, r.AssigneeId is { } a && names.TryGetValue(a, out var an) ? an : null,
            staffView ? r.DispatchReason?.Current : null,
            r.CreatedAt, r.CreatedVia.ToString(), r.ResponseDueAt, r.ResolutionDueAt, r.AcceptedAt, r.ResolvedAt, r.ClosedAt,
            r.ResponseOverdue, r.ResolutionOverdue, r.EscalationLevel, r.Vulnerable, r.Rating, r.RatingComment, r.MergedIntoId, r.Version,
            r.Photos.Select(p => new PhotoDto(p.PhotoId, p.Kind.ToString().ToLowerInvariant(), basePath + p.PhotoId, basePath + p.PhotoId + "?size=thumb")).ToList(),
            timeline.Select(t => new TimelineDto(t.At, t.Kind, t.ActorName, new LocalizedText(t.TextZh, t.TextEn).Current, t.Internal, t.Channel.ToString())).ToList(),
            RepairStateMachine.Available(facts, standing, clock.GetUtcNow()).Select(x => x.ToString().ToLowerInvariant()).ToList()));
    }

    /// <summary>Open requests of the same category at the same building in the last 48 hours: "is it this one?"</summary>
    public async Task<IReadOnlyList<RequestSummary>> SimilarAsync(int? categoryId, string? building, int? exceptId, CancellationToken ct)
    {
        var key = Locations.NormalizeBuilding(building);
        if (categoryId is null || key is null) return [];
        var since = clock.GetUtcNow() - DuplicateWindow;
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.CategoryId == categoryId && r.BuildingKey == key && r.CreatedAt >= since && StatusText.Open.Contains(r.Status) && r.Id != (exceptId ?? 0))
            .OrderByDescending(r => r.Id).Take(5).ToListAsync(ct);
        if (!IsStaff)
            foreach (var r in rows)
            {
                // Residents are shown the building only, never a neighbour's unit or room.
                r.Unit = null;
                r.Room = null;
            }
        return await SummariesAsync(rows, ct);
    }

    public async Task<IReadOnlyList<CategoryDto>> CategoriesAsync(bool includeInactive, CancellationToken ct) =>
        CategoryCatalog.Dtos(await CatalogAsync(ct), includeInactive);

    /// <summary>The centre's categories, inactive ones included, from the module's catalog (or the store, in tools and tests
    /// that make the context themselves).</summary>
    public async ValueTask<IReadOnlyList<CatalogCategory>> CatalogAsync(CancellationToken ct) =>
        db.Catalog is { } catalog ? await catalog.GetAsync(Centre.Id, LoadCatalogAsync, ct) : await LoadCatalogAsync(ct);

    /// <summary>Reads the catalog's entry for this centre from the store, setting the centre up on its first use.</summary>
    public async Task<IReadOnlyList<CatalogCategory>> LoadCatalogAsync(CancellationToken ct)
    {
        await EnsureSetupAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var rows = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        return rows.Select(c => new CatalogCategory(c.Id, c.Code, c.NameZh, c.NameEn, c.ResponseHours, c.ResolutionHours, c.TeamId,
            c.TeamId is { } t && teams.TryGetValue(t, out var tn) ? tn : null, c.VolunteerEligible, c.Active)).ToList();
    }

    private async Task<Dictionary<int, LocalizedText>> CategoryNamesAsync(CancellationToken ct) =>
        (await CatalogAsync(ct)).ToDictionary(c => c.Id, c => c.Name);

    /// <summary>The names of these staff (the assignees of the rows at hand), not of every staff member of the centre.</summary>
    private async Task<Dictionary<string, string>> StaffNamesAsync(IEnumerable<string?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<string>().Distinct().ToArray();
        return ids.Length == 0 ? []
            : await db.Staff.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, s => s.DisplayName, ct);
    }

    // ---------- the centre's defaults ----------

    /// <summary>
    /// On a centre's first use: the demo categories and one team of every property staff member, on duty 8:00–20:00
    /// daily. Asks the store; the hot paths (the report form, submission) instead go through the catalog, whose load
    /// calls this, so a centre with a catalog entry is known to be set up.
    /// </summary>
    public async Task EnsureSetupAsync(CancellationToken ct)
    {
        if (await db.Setups.AnyAsync(ct)) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Setups.AnyAsync(ct)) return;
        var team = new Team { Name = "物业维修班" };
        foreach (var m in await members.ListAsync(Roles.PropertyStaff, ct))
        {
            team.Members.Add(new TeamMember { UserId = m.UserId });
            db.Staff.Add(new StaffMember { UserId = m.UserId, DisplayName = m.DisplayName });
            foreach (var day in Enum.GetValues<DayOfWeek>())
                db.DutySlots.Add(new DutySlot { UserId = m.UserId, Day = day, StartMinute = 8 * 60, EndMinute = 20 * 60 });
        }
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        var order = 0;
        foreach (var (code, zh, en, response, resolution, volunteers) in DefaultCategories)
            db.Categories.Add(new Category
            {
                Code = code, NameZh = zh, NameEn = en, ResponseHours = response, ResolutionHours = resolution,
                TeamId = team.Id, VolunteerEligible = volunteers, SortOrder = order += 10,
            });
        db.Setups.Add(new CentreSetup { SeededAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.Catalog?.Changed(Centre.Id); // told at save already, but inside the transaction: again now that it is committed
    }

    public static readonly (string Code, string Zh, string En, int Response, int Resolution, bool Volunteers)[] DefaultCategories =
    [
        ("plumbing", "水管漏水", "Plumbing", 4, 48, false),
        ("electrical", "电路电器", "Electrical", 4, 24, false),
        ("doors-windows", "门窗", "Doors and windows", 8, 72, true),
        ("public-lighting", "公共照明", "Public lighting", 8, 48, true),
        ("lift", "电梯", "Lifts", 1, 12, false),
        ("drains", "下水道", "Drains", 4, 48, false),
        ("greenery", "绿化", "Greenery", 24, 168, true),
        ("other", "其他", "Other", 24, 120, true),
    ];

    // ---------- helpers shared by submission and actions ----------

    private async Task<StaffMember> StaffAsync(string userId, CancellationToken ct)
    {
        var staff = db.Staff.Local.FirstOrDefault(s => s.UserId == userId) ?? await db.Staff.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (staff is not null) return staff;
        var member = await members.FindAsync(userId, ct);
        staff = new StaffMember { UserId = userId, DisplayName = member?.DisplayName ?? userId };
        db.Staff.Add(staff);
        return staff;
    }

    /// <summary>Moves the request to a status and an assignee, keeping every assignee's open-load count exact.</summary>
    private async Task MoveAsync(RepairRequest r, RequestStatus status, string? assignee, DateTimeOffset now, CancellationToken ct)
    {
        var before = r.Status.CountsAsLoad() ? r.AssigneeId : null;
        var after = status.CountsAsLoad() ? assignee : null;
        if (before != after)
        {
            if (before is not null) (await StaffAsync(before, ct)).OpenLoad--;
            if (after is not null) (await StaffAsync(after, ct)).OpenLoad++;
        }
        if (assignee is not null && assignee != r.AssigneeId)
            (await StaffAsync(assignee, ct)).LastAssignedAt = now;
        r.Status = status;
        r.AssigneeId = assignee;
        r.Version++;
    }

    /// <summary>Runs dispatch for a request and applies it (assigned, or triage).</summary>
    private async Task<DispatchDecision> DispatchAsync(RepairRequest r, IReadOnlySet<string>? excluded, DateTimeOffset now, CancellationToken ct) =>
        await ApplyDispatchAsync(r, await DecideAsync(r.CategoryId, excluded, now, ct), now, ct);

    /// <summary>Ranks the team on duty in the store, and decides. Submission does this before its write transaction,
    /// so the write lock is held only for the writes; the loads themselves are then changed inside it, exactly.</summary>
    private async Task<DispatchDecision> DecideAsync(int? categoryId, IReadOnlySet<string>? excluded, DateTimeOffset now, CancellationToken ct)
    {
        // The category and its team from the catalog (a team that no longer exists has no name there: triage).
        var category = categoryId is { } cid ? (await CatalogAsync(ct)).FirstOrDefault(c => c.Id == cid) : null;
        var ranking = category is { TeamId: { } tid, TeamName: not null } ? await RankOnDutyAsync(tid, excluded, now, ct) : DutyRanking.Nobody;
        return DispatchPolicy.Decide(category?.Name.Current, category?.TeamName, ranking, excluded is { Count: > 0 });
    }

    private async Task<DispatchDecision> ApplyDispatchAsync(RepairRequest r, DispatchDecision decision, DateTimeOffset now, CancellationToken ct)
    {
        await MoveAsync(r, decision.AssigneeId is null ? RequestStatus.Triage : RequestStatus.Assigned, decision.AssigneeId, now, ct);
        r.DispatchReasonZh = decision.Reason.Zh;
        r.DispatchReasonEn = decision.Reason.En;
        // Residents read who comes; the reason (loads, who is on duty) is for staff.
        AddTimeline(r, decision.AssigneeId is null ? "triage" : "assigned",
            decision.AssigneeId is null
                ? new LocalizedText("等待工作人员分派", "Waiting for staff to assign it")
                : new LocalizedText($"已派给{decision.AssigneeName}", $"Assigned to {decision.AssigneeName}"),
            @internal: false, actorName: new("系统", "System"), now: now);
        AddTimeline(r, "dispatch-reason", decision.Reason, @internal: true, actorName: new("系统", "System"), now: now);
        return decision;
    }

    /// <summary>
    /// <see cref="DispatchPolicy.Rank"/> done by the store, so that a team of 500 is ranked without bringing 500 members
    /// and their rosters back: the first two of the team on duty now and not passed over, in the policy's order (fewest
    /// open jobs, longest idle with never assigned first, user id), read by walking the staff index in that order, each
    /// with the count of all on duty. One compiled query. Every team member has a staff row (setting up a team creates
    /// them), so the walk sees them all.
    /// </summary>
    public async Task<DutyRanking> RankOnDutyAsync(int teamId, IReadOnlySet<string>? excluded, DateTimeOffset now, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTime(now, DisplayTime.Zone);
        var (today, yesterday) = (local.DayOfWeek, (DayOfWeek)(((int)local.DayOfWeek + 6) % 7));
        string[] passedOver = excluded is { Count: > 0 } ? [.. excluded] : [];
        Ranked? best = null;
        var tied = false;
        await foreach (var r in FirstTwoOnDuty(db, teamId, today, yesterday, local.Hour * 60 + local.Minute, passedOver).WithCancellation(ct))
        {
            if (best is null) best = r;
            else tied = r.OpenLoad == best.OpenLoad;
        }
        return best is null ? DutyRanking.Nobody
            : new DutyRanking(best.OnDuty, new Candidate(best.UserId, best.DisplayName, true, best.OpenLoad, best.LastAssignedAt), tied);
    }

    private sealed record Ranked(string UserId, string DisplayName, int OpenLoad, DateTimeOffset? LastAssignedAt, int OnDuty);

    // The rules of Roster.IsOnDuty as the store reads them, twice (for the count and for the walk; an expression cannot
    // be shared inside a compiled query): a day slot covers [start, end) on its day; a night slot (end <= start) covers
    // from its start on its day and until its end the next day. Only today's and yesterday's slots can count, so the
    // count is an index range of today's slots, and the walk asks each candidate's slots from the other index.
    private static readonly Func<RepairDbContext, int, DayOfWeek, DayOfWeek, int, string[], IAsyncEnumerable<Ranked>> FirstTwoOnDuty =
        EF.CompileAsyncQuery((RepairDbContext db, int teamId, DayOfWeek today, DayOfWeek yesterday, int minute, string[] passedOver) =>
            db.Staff.AsNoTracking()
                .Where(s => !passedOver.Contains(s.UserId)
                    && db.TeamMembers.Any(m => m.TeamId == teamId && m.UserId == s.UserId)
                    && db.DutySlots.Any(d => d.UserId == s.UserId && (d.Day == today || d.Day == yesterday) && (
                        (d.EndMinute > d.StartMinute && d.Day == today && d.StartMinute <= minute && minute < d.EndMinute) ||
                        (d.EndMinute <= d.StartMinute && ((d.Day == today && d.StartMinute <= minute) || (d.Day == yesterday && minute < d.EndMinute))))))
                .OrderBy(s => s.OpenLoad).ThenBy(s => s.LastAssignedAt).ThenBy(s => s.UserId)
                .Take(2)
                .Select(s => new Ranked(s.UserId, s.DisplayName, s.OpenLoad, s.LastAssignedAt,
                    db.TeamMembers.Count(m => m.TeamId == teamId && !passedOver.Contains(m.UserId) && db.DutySlots
                        .Where(d => (d.Day == today || d.Day == yesterday) && (
                            (d.EndMinute > d.StartMinute && d.Day == today && d.StartMinute <= minute && minute < d.EndMinute) ||
                            (d.EndMinute <= d.StartMinute && ((d.Day == today && d.StartMinute <= minute) || (d.Day == yesterday && minute < d.EndMinute)))))
                        .Select(d => d.UserId).Contains(m.UserId)))));

    private void AddTimeline(RepairRequest r, string kind, LocalizedText text, bool @internal, DateTimeOffset now, LocalizedText? actorName = null)
    {
        var entry = new TimelineEntry
        {
            At = now, Kind = kind, ActorId = actorName is null ? user.UserId : null,
            ActorName = actorName?.Current ?? user.DisplayName, Channel = _channel ?? user.Channel,
            TextZh = text.Zh, TextEn = text.En, Internal = @internal,
        };
        r.Timeline.Add(entry); // saved with the request, in the same SaveChanges
    }

    private Task SaveAsync(CancellationToken ct) => db.SaveChangesAsync(ct);

    /// <summary>Checks, cleans and stores every upload; on the first refusal, removes those already stored and names the photo.</summary>
    private async Task<(List<StoredPhoto> Stored, Outcome<object>? Refused)> StorePhotosAsync(IReadOnlyList<PhotoUpload> uploads, CancellationToken ct)
    {
        var stored = new List<StoredPhoto>();
        for (var i = 0; i < uploads.Count; i++)
        {
            try
            {
                await using var stream = uploads[i].Open();
                stored.Add(await photos.SaveAsync(stream, ct));
            }
            catch (PhotoRejectedException ex)
            {
                foreach (var p in stored) await photos.DeleteAsync(p.Id, ct);
                return ([], Outcome<object>.Invalid($"photos[{i}]", ex.Reason));
            }
        }
        return (stored, null);
    }

    private ServiceChannel? _channel;

    /// <summary>Tells the reporter and everyone following; notices never undo a committed change.</summary>
    private async Task NotifyReportersAsync(RepairRequest r, LocalizedText title, LocalizedText body, CancellationToken ct)
    {
        var recipients = new HashSet<string>();
        if (r.ReporterUserId is { } rep) recipients.Add(rep);
        if (r.ResidentUserId is { } res) recipients.Add(res);
        foreach (var f in await db.Followers.AsNoTracking().Where(f => f.RequestId == r.Id).Select(f => f.UserId).ToListAsync(ct))
            recipients.Add(f);
        if (user.UserId is { } me) recipients.Remove(me);
        foreach (var to in recipients)
            await NotifySafelyAsync(to, title, body, r.Id, ct);
    }

    private async Task NotifySafelyAsync(string userId, LocalizedText title, LocalizedText body, int requestId, CancellationToken ct)
    {
        try
        {
            await notifier.NotifyAsync(userId, new NotificationMessage(title, body, $"/c/{Centre.Slug}/repair/requests/{requestId}"), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not notify {UserId} about repair request {RequestId}", userId, requestId);
        }
    }

    private async Task NotifyRoleSafelyAsync(string role, LocalizedText title, LocalizedText body, int requestId, CancellationToken ct)
    {
        try
        {
            await notifier.NotifyRoleAsync(role, new NotificationMessage(title, body, $"/c/{Centre.Slug}/repair/requests/{requestId}"), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not notify {Role} about repair request {RequestId}", role, requestId);
        }
    }
}
