using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Repair.Features;

public sealed partial class RepairService
{
    /// <summary>Files a request, stores its photos, dispatches it at once and tells the people concerned.</summary>
    public async Task<Outcome<SubmitResult>> SubmitAsync(SubmitInput input, IReadOnlyList<PhotoUpload> uploads, int? open311ClientId, CancellationToken ct)
    {
        var catalog = await CatalogAsync(ct); // and with it the centre's set-up, on its first use
        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0 && uploads.Count == 0)
            return Outcome<SubmitResult>.Invalid("description", new("请用一句话说明问题，或拍一张照片。", "Describe the problem in a sentence, or send a photo."));
        if (description.Length > 2000)
            return Outcome<SubmitResult>.Invalid("description", new("描述最多 2000 字。", "The description can be at most 2000 characters."));
        if (uploads.Count > MaxPhotos)
            return Outcome<SubmitResult>.Invalid("photos", new($"最多上传 {MaxPhotos} 张照片。", $"At most {MaxPhotos} photos."));

        CatalogCategory? category = null;
        if (input.CategoryId is { } categoryId)
        {
            category = catalog.FirstOrDefault(c => c.Id == categoryId && c.Active);
            if (category is null)
                return Outcome<SubmitResult>.Invalid("categoryId", new("没有这个报修类别；不确定时可以不选。", "There is no such category here; leave it out when unsure."));
        }

        var channel = ServiceChannel.Self;
        if (!string.IsNullOrWhiteSpace(input.Channel))
        {
            if (!TryParseChannel(input.Channel, out channel))
                return Outcome<SubmitResult>.Invalid("channel", new("渠道只能是 self、counter、phone 或 home-visit。", "channel must be self, counter, phone or home-visit."));
        }
        else
        {
            channel = user.Channel;
        }
        var dispatcher = user.HasPermission(RepairPermissions.Dispatch);
        if (channel != ServiceChannel.Self && !dispatcher)
            return Outcome<SubmitResult>.Invalid("channel", new("只有工作人员可以代居民报修。", "Only staff can report on a resident's behalf."));

        // Whose problem is it: the resident named (staff only, or oneself), else the caller's own resident record.
        ResidentInfo? resident = null;
        if (input.ResidentId is { } residentId)
        {
            resident = await residents.FindAsync(residentId, ct);
            if (resident is null)
                return Outcome<SubmitResult>.Invalid("residentId", new("本中心没有这位居民。", "There is no such resident in this centre."));
            if (!dispatcher && resident.UserId != user.UserId)
                return Outcome<SubmitResult>.Invalid("residentId", new("只有工作人员可以替其他居民报修。", "Only staff can report for another resident."));
        }
        else if (user.UserId is { } me && !dispatcher)
        {
            resident = await residents.FindByUserAsync(me, ct);
        }

        var location = input.Location;
        var building = Trim(location?.Building, 40) ?? resident?.Building;
        var unit = Trim(location?.Unit, 20) ?? (location?.Building is null ? resident?.Unit : null);
        var room = Trim(location?.Room, 20) ?? (location?.Building is null ? resident?.Room : null);
        var text = Trim(location?.Text, 200);
        if (building is null && text is null)
            return Outcome<SubmitResult>.Invalid("location", new("请告诉我们在哪里：楼号，或一句话说明地点。", "Say where: a building, or a few words about the place."));
        var phone = Trim(input.ContactPhone, 30) ?? resident?.Phone;
        if (phone is not null && !phone.All(ch => char.IsDigit(ch) || ch is '-' or '+' or ' '))
            return Outcome<SubmitResult>.Invalid("contactPhone", new("电话号码只能包含数字。", "The phone number may contain digits only."));

        // Photos are checked and cleaned before anything is written; a refused photo refuses the request, naming it.
        var (stored, refused) = await StorePhotosAsync(uploads, ct);
        if (refused is not null) return refused.As<SubmitResult>();

        var now = clock.GetUtcNow();
        var vulnerable = resident is not null && (resident.HasTag(ResidentTags.Elderly) || resident.HasTag(ResidentTags.LivesAlone) || resident.HasTag(ResidentTags.Disabled));
        var factor = vulnerable ? await settings.VulnerableFactorAsync(ct) : 1.0;
        var (responseHours, resolutionHours) = category is null ? (4, 72) : (category.ResponseHours, category.ResolutionHours);

        var request = new RepairRequest
        {
            Description = description.Length == 0 ? "（见照片）" : description,
            CategoryId = category?.Id,
            Status = RequestStatus.Submitted,
            ReporterUserId = user.UserId,
            ResidentId = resident?.Id,
            ResidentUserId = resident?.UserId,
            ContactName = Trim(input.ContactName, 100) ?? resident?.Name ?? user.DisplayName,
            ContactPhone = phone,
            Vulnerable = vulnerable,
            Building = building,
            BuildingKey = Locations.NormalizeBuilding(building),
            Unit = unit,
            Room = room,
            LocationText = text,
            ResponseDueAt = now + TimeSpan.FromHours(responseHours * factor),
            ResolutionDueAt = now + TimeSpan.FromHours(resolutionHours * factor),
            Open311ClientId = open311ClientId,
            CreatedVia = channel,
        };
        _channel = channel;
        foreach (var p in stored) request.Photos.Add(new RequestPhoto { PhotoId = p.Id, Kind = PhotoKind.Report });

        // Decided before the write lock is taken: two reports at the same instant may pick the same person (a
        // little unfair for a moment), but every load count stays exact, as it is changed inside the transaction.
        var toVolunteers = GoesToVolunteers(category, vulnerable);
        var decision = toVolunteers ? null : await DecideAsync(request.CategoryId, null, now, ct);
        try
        {
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            db.Requests.Add(request);
            var via = channel switch
            {
                ServiceChannel.Counter => new LocalizedText("（工作人员在服务台代报）", " (reported at the counter by staff)"),
                ServiceChannel.Phone => new LocalizedText("（工作人员电话代报）", " (reported by phone through staff)"),
                ServiceChannel.HomeVisit => new LocalizedText("（上门走访时代报）", " (reported on a home visit)"),
                _ => new LocalizedText("", ""),
            };
            AddTimeline(request, "submitted", new("提交报修" + via.Zh + (vulnerable ? "；重点关照居民，时限缩短" : ""),
                "Reported" + via.En + (vulnerable ? "; a resident needing extra care, so deadlines are shorter" : "")), false, now);
            if (decision is not null)
                await ApplyDispatchAsync(request, decision, now, ct);
            await SaveAsync(ct);
            if (toVolunteers)
            {
                OfferToVolunteers(request, category!, now); // needs the request's id: published in the same transaction
                await SaveAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        }
        catch
        {
            // Nothing was stored: the cleaned photos go too.
            foreach (var p in stored) await photos.DeleteAsync(p.Id, CancellationToken.None);
            throw;
        }

        // After the commit: notices (never undo the request) and the "is it this one?" list.
        if (decision is null)
            await NotifyReportersAsync(request, new("报修已受理", "Your repair request is received"),
                new($"#{request.Id} 已收到，已请社区志愿者上门帮忙；如没有志愿者及时接下，会转给物业人员。", $"#{request.Id} is received and offered to the centre's volunteers; property staff take over if none can come in time."), ct);
        else if (decision.AssigneeId is { } assignee)
            await NotifySafelyAsync(assignee, new("新的报修工单", "New repair job"), new($"#{request.Id} {Locations.Describe(building, unit, room, text)}：{Shorten(request.Description)}", $"#{request.Id} at {Locations.Describe(building, unit, room, text)}: {Shorten(request.Description)}"), request.Id, ct);
        else
            await NotifyRoleSafelyAsync(Roles.Staff, new("报修待分派", "A repair request needs dispatching"), new($"#{request.Id}：{decision.Reason.Zh}", $"#{request.Id}: {decision.Reason.En}"), request.Id, ct);
        if (decision is not null)
            await NotifyReportersAsync(request, new("报修已受理", "Your repair request is received"),
            decision.AssigneeId is null
                ? new($"#{request.Id} 已收到，工作人员会尽快安排。", $"#{request.Id} is received; staff will arrange it shortly.")
                : new($"#{request.Id} 已派给{decision.AssigneeName}，请保持电话畅通。", $"#{request.Id} is assigned to {decision.AssigneeName}."), ct);

        var duplicates = await SimilarAsync(request.CategoryId, building, request.Id, ct);
        return Outcome<SubmitResult>.Success(new SubmitResult(request.Id, request.Status.Token(), request.AssigneeId, decision?.AssigneeName,
            decision?.Reason.Current ?? request.DispatchReason!.Current, request.ResponseDueAt, request.ResolutionDueAt, duplicates), 201);
    }

    public static bool TryParseChannel(string? text, out ServiceChannel channel)
    {
        channel = text?.Trim().ToLowerInvariant() switch
        {
            "self" or "" or null => ServiceChannel.Self,
            "counter" => ServiceChannel.Counter,
            "phone" => ServiceChannel.Phone,
            "home-visit" or "homevisit" => ServiceChannel.HomeVisit,
            _ => (ServiceChannel)(-1),
        };
        return Enum.IsDefined(channel);
    }

    private static string? Trim(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var t = value.Trim();
        return t.Length > max ? t[..max] : t;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
