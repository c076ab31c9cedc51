using System.Text.Json;
using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Domain;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Modules.Repair.Features;

/// <summary>The requests API: <c>/api/c/{centre}/repair/…</c>.</summary>
public static class RepairEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Three photos at the 10 MB limit, plus the form around them (Kestrel's default is 30 MB).
    private const long UploadLimit = RepairService.MaxPhotos * PhotoLimits.MaxBytes + 1024 * 1024;

    public static void Map(IEndpointRouteBuilder api)
    {
        // Read on every report form: answered from the catalog without making the request's Repairs service or store.
        api.MapGet("/categories", async (CategoryCatalog catalog, ICentreContext centre, HttpContext http, bool? all, CancellationToken ct) =>
                TypedResults.Ok(CategoryCatalog.Dtos(await catalog.GetAsync(centre.RequiredCentre.Id,
                    c => http.RequestServices.GetRequiredService<RepairService>().LoadCatalogAsync(c), ct), all == true)))
            .WithName("ListRepairCategories").WithSummary("The centre's repair categories")
            .RequirePermission(RepairPermissions.Report);

        api.MapPost("/requests", async (HttpContext http, RepairService repair, CancellationToken ct) =>
            {
                var (input, uploads, error) = await ReadBodyAsync<SubmitInput>(http, ct);
                if (error is not null) return PageAware(http, error);
                var outcome = await repair.SubmitAsync(input!, uploads, null, ct);
                if (ReturnUrl(http) is not null)
                    return outcome.Ok
                        ? Results.Redirect($"/c/{http.GetRouteValue("centre")}/repair/requests/{outcome.Value!.Id}?new=1")
                        : BackWithError(http, outcome.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? outcome.Message);
                return outcome.Ok
                    ? TypedResults.Created($"/api/c/{http.GetRouteValue("centre")}/repair/requests/{outcome.Value!.Id}", outcome.Value)
                    : outcome.ToProblem();
            })
            .Accepts<SubmitInput>("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadLimit))
            .Produces<SubmitResult>(201)
            .ProducesValidationProblem()
            .WithName("SubmitRepairRequest").WithSummary("Report a problem (JSON, or multipart with up to 3 photos)")
            .RequirePermission(RepairPermissions.Report);

        api.MapGet("/requests", async Task<IResult> (RepairService repair, string? status, bool? mine, bool? assignedToMe, bool? overdue, int? take, CancellationToken ct) =>
            {
                RequestStatus? filter = null;
                if (!string.IsNullOrWhiteSpace(status))
                {
                    if (!StatusText.TryParse(status, out var parsed))
                        return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                        {
                            ["status"] = [$"未知状态 / Unknown status; use one of {string.Join(", ", Enum.GetValues<RequestStatus>().Select(s => s.Token()))}"],
                        });
                    filter = parsed;
                }
                return TypedResults.Ok(await repair.ListAsync(filter, mine == true, assignedToMe == true, overdue == true, take ?? 100, ct));
            })
            .WithName("ListRepairRequests").WithSummary("Requests you may see (filters: status, mine, assignedToMe, overdue)")
            .RequirePermission(RepairPermissions.Report);

        api.MapGet("/requests/similar", async (RepairService repair, int? categoryId, string? building, CancellationToken ct) =>
                TypedResults.Ok(await repair.SimilarAsync(categoryId, building, null, ct)))
            .WithName("SimilarRepairRequests").WithSummary("Open requests of the same category at the same building in the last 48 hours")
            .RequirePermission(RepairPermissions.Report);

        api.MapGet("/requests/{id:int}", async (int id, RepairService repair, CancellationToken ct) =>
            {
                var outcome = await repair.GetAsync(id, ct);
                return outcome.Ok ? Results.Ok(outcome.Value) : outcome.ToProblem();
            })
            .WithName("GetRepairRequest").WithSummary("One request with its photos, timeline and the actions open to you")
            .RequirePermission(RepairPermissions.Report);

        api.MapGet("/requests/{id:int}/photos/{photoId:guid}", async (int id, Guid photoId, string? size, RepairService repair, IPhotoStore photos, CancellationToken ct) =>
            {
                var visible = await repair.Visible().AsNoTracking().AnyAsync(r => r.Id == id && r.Photos.Any(p => p.PhotoId == photoId), ct);
                if (!visible) return Outcome<object>.Fail(404, new("没有这张照片。", "There is no such photo.")).ToProblem();
                var stream = await photos.OpenAsync(photoId, size == "thumb" ? PhotoVariant.Thumbnail : PhotoVariant.Full, ct);
                return stream is null
                    ? Outcome<object>.Fail(404, new("照片文件不见了。", "The photo file is missing.")).ToProblem()
                    : Results.File(stream, "image/jpeg", enableRangeProcessing: false);
            })
            .WithName("GetRepairPhoto").WithSummary("A photo of a request you may see (size=thumb for the thumbnail)")
            .RequirePermission(RepairPermissions.Report);

        api.MapPost("/requests/{id:int}/{action}", async (int id, string action, HttpContext http, RepairService repair, CancellationToken ct) =>
            {
                if (!Enum.TryParse<RepairAction>(action, ignoreCase: true, out var parsed) || int.TryParse(action, out _))
                    return Outcome<object>.Fail(404, new($"没有“{action}”这个操作。", $"There is no action '{action}'. Use one of: {string.Join(", ", Enum.GetNames<RepairAction>().Select(n => n.ToLowerInvariant()))}.")).ToProblem();
                var (input, uploads, error) = await ReadBodyAsync<ActionInput>(http, ct, allowEmpty: true);
                if (error is not null) return PageAware(http, error);
                var outcome = await repair.ActAsync(id, parsed, input ?? new ActionInput(), uploads, ct);
                if (ReturnUrl(http) is not null)
                    return outcome.Ok
                        ? Back(http, "ok", LocalizedText.Pick($"已{parsed.Label().Zh}。", $"Done: {parsed.Label().En}."))
                        : BackWithError(http, outcome.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? outcome.Message);
                return outcome.Ok ? Results.Ok(outcome.Value) : outcome.ToProblem();
            })
            .Accepts<ActionInput>("application/json", "multipart/form-data", "application/x-www-form-urlencoded")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadLimit))
            .Produces<RequestDetail>()
            .ProducesValidationProblem()
            .ProducesProblem(403).ProducesProblem(409)
            .WithName("ActOnRepairRequest").WithSummary("accept, start, resolve, close, reopen, cancel, reject, reassign, decline, rate, comment or merge")
            .RequirePermission(RepairPermissions.Report);

        SetupEndpoints.Map(api);
    }

    // ---- the web pages post plain forms here, with a returnUrl: they get a redirect back with a message (PRG) ----

    private static string? ReturnUrl(HttpContext http)
    {
        // Only a form already read: reading it again after a failed read (too large, malformed) would throw.
        if (!http.Request.HasFormContentType || http.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form
            || !form.TryGetValue("returnUrl", out var value)) return null;
        var url = value.ToString();
        return url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : null;
    }

    private static IResult Back(HttpContext http, string key, string message)
    {
        var url = ReturnUrl(http)!;
        var clean = url.Split('?')[0];
        return Results.Redirect($"{clean}?{key}={Uri.EscapeDataString(message)}");
    }

    private static IResult BackWithError(HttpContext http, string message) => Back(http, "error", message);

    private static IResult PageAware(HttpContext http, IResult error) =>
        ReturnUrl(http) is null ? error : BackWithError(http, LocalizedText.Pick("提交的内容有误，请检查后重试。", "Something in the form is not right; check it and try again."));

    /// <summary>
    /// Reads a JSON body, or a multipart form with the same fields (camelCase) and files named <c>photos</c>.
    /// A form posted with the sign-in cookie must carry the antiforgery token (a JSON body cannot be sent cross-site).
    /// </summary>
    internal static async Task<(T? Value, IReadOnlyList<PhotoUpload> Uploads, IResult? Error)> ReadBodyAsync<T>(HttpContext http, CancellationToken ct, bool allowEmpty = false)
        where T : class
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                    return (null, [], Outcome<object>.Fail(400, new("页面已过期，请刷新后再提交。", "The form is stale or was not sent from this site; reload the page and try again.")).ToProblem());
            }
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                return (null, [], Outcome<object>.Invalid("photos", new("上传的文件太大或格式有误。", "The upload is too large or malformed: " + ex.Message)).ToProblem());
            }
            var json = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in form)
            {
                if (key.StartsWith("__", StringComparison.Ordinal) || key == "returnUrl") continue;
                var text = value.ToString();
                if (key.StartsWith("location.", StringComparison.OrdinalIgnoreCase))
                {
                    if (!json.TryGetValue("location", out var loc) || loc is not Dictionary<string, object?> locDict)
                        json["location"] = locDict = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    locDict[key["location.".Length..]] = text;
                }
                else json[key] = string.IsNullOrEmpty(text) ? null : text;
            }
            var files = form.Files.Where(f => f.Name is "photos" or "photo" && f.Length > 0).ToList();
            try
            {
                var element = JsonSerializer.SerializeToElement(json, Json);
                var value = Coerce<T>(element);
                return (value, files.Select(f => new PhotoUpload(f.Name, f.OpenReadStream)).ToList(), null);
            }
            catch (JsonException ex)
            {
                return (null, [], FieldError(ex));
            }
        }

        if (allowEmpty && (request.ContentLength ?? 0) == 0 && !request.Headers.TransferEncoding.Any())
            return (null, [], null);
        if (!request.HasJsonContentType())
            return (null, [], TypedResults.Problem("Send JSON (application/json) or a multipart form.", statusCode: 415, title: "Unsupported body / 不支持的格式"));
        try
        {
            var value = await request.ReadFromJsonAsync<T>(Json, ct);
            if (value is null && !allowEmpty)
                return (null, [], TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["请求体不能为空 / The body is required"] }));
            return (value, [], null);
        }
        catch (JsonException ex)
        {
            return (null, [], FieldError(ex));
        }
    }

    // Form values arrive as text: numbers and booleans are converted field by field, so a bad one names its field.
    private static T? Coerce<T>(JsonElement element)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText())!.AsObject();
        foreach (var property in typeof(T).GetProperties())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var key = node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (key is null || node[key] is not System.Text.Json.Nodes.JsonValue v || !v.TryGetValue<string>(out var text)) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(int))
                node[key] = int.TryParse(text, out var i) ? i : throw new JsonException($"'{text}' is not a whole number.", "$." + name, null, null);
            else if (type == typeof(bool))
                node[key] = text is "on" or "true" or "True" ? true : text is "false" or "False" or "off" ? false : throw new JsonException($"'{text}' is not true or false.", "$." + name, null, null);
            else if (type == typeof(Guid))
                node[key] = Guid.TryParse(text, out var g) ? g.ToString() : throw new JsonException($"'{text}' is not an id.", "$." + name, null, null);
        }
        return node.Deserialize<T>(Json);
    }

    private static IResult FieldError(JsonException ex)
    {
        var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
        return TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [field] = [$"格式不正确 / Invalid value: {ex.Message.Split(" Path:")[0]}"],
        }, title: "Invalid request / 请求有误");
    }
}
