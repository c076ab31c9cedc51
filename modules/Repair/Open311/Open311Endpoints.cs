using System.Globalization;
using System.Text.Json.Serialization;
using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.Modules.Repair.Features;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Repair.Open311;

/// <summary>
/// Open311 GeoReport v2 (JSON format) at <c>/open311/v2/{centre}/…</c>, so existing Open311 clients can file and follow
/// requests. Services are public; filing needs an <c>api_key</c> the centre admin issued. Because these are people's
/// homes, reading requests needs a key too, and answers carry the building only, never a name, phone or room.
/// </summary>
public static class Open311Endpoints
{
    public sealed record Service(
        [property: JsonPropertyName("service_code")] string ServiceCode,
        [property: JsonPropertyName("service_name")] string ServiceName,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("metadata")] bool Metadata,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("keywords")] string Keywords,
        [property: JsonPropertyName("group")] string Group);

    public sealed record ServiceDefinition(
        [property: JsonPropertyName("service_code")] string ServiceCode,
        [property: JsonPropertyName("attributes")] IReadOnlyList<object> Attributes);

    public sealed record Created(
        [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
        [property: JsonPropertyName("service_notice")] string ServiceNotice,
        [property: JsonPropertyName("account_id")] string? AccountId);

    public sealed record ServiceRequest(
        [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("status_notes")] string? StatusNotes,
        [property: JsonPropertyName("service_name")] string? ServiceName,
        [property: JsonPropertyName("service_code")] string? ServiceCode,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("agency_responsible")] string AgencyResponsible,
        [property: JsonPropertyName("service_notice")] string? ServiceNotice,
        [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
        [property: JsonPropertyName("updated_datetime")] string UpdatedDatetime,
        [property: JsonPropertyName("expected_datetime")] string? ExpectedDatetime,
        [property: JsonPropertyName("address")] string? Address,
        [property: JsonPropertyName("address_id")] string? AddressId,
        [property: JsonPropertyName("zipcode")] string? Zipcode,
        [property: JsonPropertyName("lat")] double? Lat,
        [property: JsonPropertyName("long")] double? Long,
        [property: JsonPropertyName("media_url")] string? MediaUrl);

    public sealed record Error(
        [property: JsonPropertyName("code")] int Code,
        [property: JsonPropertyName("description")] string Description);

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/open311/v2/{centre}").WithTags("Open311 GeoReport v2");

        group.MapGet("/services.json", async (RepairService repair, CancellationToken ct) =>
                Results.Json((await repair.CategoriesAsync(false, ct)).Select(ToService).ToList()))
            .WithName("Open311Services").WithSummary("GeoReport v2: the service list");

        group.MapGet("/services/{code}.json", async (string code, RepairService repair, CancellationToken ct) =>
                (await repair.CategoriesAsync(false, ct)).Any(c => c.Code == code)
                    ? Results.Json(new ServiceDefinition(code, []))
                    : Fail(404, $"service_code '{code}' not found"))
            .WithName("Open311ServiceDefinition").WithSummary("GeoReport v2: a service definition (no extra attributes)");

        group.MapPost("/requests.json", async (HttpContext http, RepairDbContext db, RepairService repair, CancellationToken ct) =>
            {
                if (!http.Request.HasFormContentType)
                    return Fail(400, "send the request as application/x-www-form-urlencoded (or multipart/form-data)");
                var form = await http.Request.ReadFormAsync(ct);
                var client = await ClientAsync(db, form["api_key"].ToString(), ct);
                if (client is null) return Fail(403, "api_key is missing or not valid for this centre");
                var code = form["service_code"].ToString();
                if (string.IsNullOrWhiteSpace(code)) return Fail(400, "service_code was not provided");
                var category = (await repair.CategoriesAsync(false, ct)).FirstOrDefault(c => c.Code == code);
                if (category is null) return Fail(400, $"service_code '{code}' not found");
                var address = form["address_string"].ToString();
                var addressId = form["address_id"].ToString();
                var name = $"{form["last_name"]}{form["first_name"]}".Trim();
                var input = new SubmitInput(form["description"].ToString(), category.Id,
                    new LocationInput(string.IsNullOrWhiteSpace(addressId) ? null : addressId, null, null, string.IsNullOrWhiteSpace(address) ? null : address),
                    null, null, name.Length == 0 ? client.Name : name, string.IsNullOrWhiteSpace(form["phone"]) ? null : form["phone"].ToString());
                var outcome = await repair.SubmitAsync(input, [], client.Id, ct);
                if (!outcome.Ok)
                    return Fail(outcome.Status == 400 ? 400 : outcome.Status,
                        outcome.Errors is { } errors ? string.Join("; ", errors.Select(e => $"{Open311Field(e.Key)}: {string.Join(" ", e.Value)}")) : outcome.Problem?.En ?? "request refused");
                return Results.Json(new[] { new Created(outcome.Value!.Id.ToString(CultureInfo.InvariantCulture),
                    $"已受理，预计 {DisplayTime.Format(outcome.Value.ResolutionDueAt)} 前处理完毕 / Received; due by {DisplayTime.Format(outcome.Value.ResolutionDueAt)}", null) });
            })
            .WithName("Open311PostRequest").WithSummary("GeoReport v2: file a request (api_key required)");

        group.MapGet("/requests.json", async (HttpContext http, RepairDbContext db, ICentreContext centre, TimeProvider clock, CancellationToken ct) =>
            {
                var q = http.Request.Query;
                if (await ClientAsync(db, q["api_key"].ToString(), ct) is null) return Fail(403, "api_key is missing or not valid for this centre");
                var requests = db.Requests.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(q["service_request_id"]))
                {
                    var ids = new List<int>();
                    foreach (var part in q["service_request_id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!int.TryParse(part, CultureInfo.InvariantCulture, out var id)) return Fail(400, $"service_request_id '{part}' is not a request id");
                        ids.Add(id);
                    }
                    requests = requests.Where(r => ids.Contains(r.Id));
                }
                else
                {
                    var start = clock.GetUtcNow().AddDays(-90);
                    var end = DateTimeOffset.MaxValue;
                    if (!string.IsNullOrWhiteSpace(q["start_date"]) && !DateTimeOffset.TryParse(q["start_date"], CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
                        return Fail(400, "start_date must be a w3 date-time, e.g. 2026-12-01T00:00:00Z");
                    if (!string.IsNullOrWhiteSpace(q["end_date"]) && !DateTimeOffset.TryParse(q["end_date"], CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
                        return Fail(400, "end_date must be a w3 date-time, e.g. 2026-12-31T00:00:00Z");
                    requests = requests.Where(r => r.CreatedAt >= start && r.CreatedAt <= end);
                    if (!string.IsNullOrWhiteSpace(q["service_code"]))
                    {
                        var codes = q["service_code"].ToString().Split(',', StringSplitOptions.TrimEntries);
                        var categoryIds = await db.Categories.AsNoTracking().Where(c => codes.Contains(c.Code)).Select(c => c.Id).ToListAsync(ct);
                        requests = requests.Where(r => r.CategoryId != null && categoryIds.Contains(r.CategoryId.Value));
                    }
                    var status = q["status"].ToString();
                    if (status == "open") requests = requests.Where(r => StatusText.Open.Contains(r.Status));
                    else if (status == "closed") requests = requests.Where(r => !StatusText.Open.Contains(r.Status));
                    else if (status.Length > 0) return Fail(400, "status must be open or closed");
                }
                var rows = await requests.OrderByDescending(r => r.Id).Take(1000).ToListAsync(ct);
                return Results.Json(await DescribeAsync(db, centre.RequiredCentre, rows, ct));
            })
            .WithName("Open311GetRequests").WithSummary("GeoReport v2: requests (api_key required here: these are residents' homes)");

        group.MapGet("/requests/{id}.json", async (string id, HttpContext http, RepairDbContext db, ICentreContext centre, CancellationToken ct) =>
            {
                if (await ClientAsync(db, http.Request.Query["api_key"].ToString(), ct) is null) return Fail(403, "api_key is missing or not valid for this centre");
                if (!int.TryParse(id, CultureInfo.InvariantCulture, out var requestId)) return Fail(404, $"service_request_id '{id}' not found");
                var row = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
                return row is null ? Fail(404, $"service_request_id '{id}' not found") : Results.Json(await DescribeAsync(db, centre.RequiredCentre, [row], ct));
            })
            .WithName("Open311GetRequest").WithSummary("GeoReport v2: one request (api_key required)");
    }

    private static Service ToService(CategoryDto c) =>
        new(c.Code, c.NameEn is { Length: > 0 } en ? $"{c.NameZh} / {en}" : c.NameZh,
            $"响应 {c.ResponseHours} 小时，解决 {c.ResolutionHours} 小时 / respond within {c.ResponseHours} h, fix within {c.ResolutionHours} h",
            false, "realtime", c.Code, "repair");

    private static async Task<Open311Client?> ClientAsync(RepairDbContext db, string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var hash = RepairSetup.HashKey(key.Trim());
        return await db.Open311Clients.AsNoTracking().FirstOrDefaultAsync(c => c.KeyHash == hash && !c.Revoked, ct);
    }

    private static async Task<IReadOnlyList<ServiceRequest>> DescribeAsync(RepairDbContext db, CentreInfo centre, IReadOnlyList<RepairRequest> rows, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var notes = (await db.Timeline.AsNoTracking().Where(t => ids.Contains(t.RequestId) && !t.Internal).ToListAsync(ct))
            .GroupBy(t => t.RequestId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Id).Last());
        return rows.Select(r =>
        {
            categories.TryGetValue(r.CategoryId ?? 0, out var c);
            notes.TryGetValue(r.Id, out var note);
            return new ServiceRequest(r.Id.ToString(CultureInfo.InvariantCulture), r.Status.IsOpen() ? "open" : "closed",
                note is null ? null : $"{note.TextZh}{(note.TextEn is { Length: > 0 } en ? " / " + en : "")}",
                c is null ? null : c.NameEn is { Length: > 0 } name ? $"{c.NameZh} / {name}" : c.NameZh, c?.Code, r.Description,
                centre.Name.Zh, null, W3(r.CreatedAt), W3(r.UpdatedAt ?? r.CreatedAt), r.Status.IsOpen() ? W3(r.ResolutionDueAt) : null,
                r.Building is null ? r.LocationText : r.Building + "号楼", r.Building, null, null, null, null);
        }).ToList();
    }

    private static string W3(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, DisplayTime.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Open311Field(string field) => field switch
    {
        "location" => "address_string",
        "contactPhone" => "phone",
        "categoryId" => "service_code",
        _ => field,
    };

    private static IResult Fail(int status, string description) => Results.Json(new[] { new Error(status, description) }, statusCode: status);
}
