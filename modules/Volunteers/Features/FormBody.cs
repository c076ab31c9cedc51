using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Modules.Volunteers.Features;

/// <summary>
/// The API takes JSON; the web pages post plain forms with the same field names and a <c>returnUrl</c>, and get a
/// redirect back with <c>ok=</c> or <c>error=</c> (post, redirect, get). A form sent with the sign-in cookie must carry
/// the antiforgery token.
/// </summary>
internal static class FormBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http, CancellationToken ct, bool allowEmpty = false) where T : class
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
                return (null, Outcome<object>.Fail(400, new("页面已过期，请刷新后再提交。", "The form is stale or was not sent from this site; reload the page and try again.")).ToProblem());
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                return (null, Invalid("body", "提交的表单有误。", "The form is malformed: " + ex.Message));
            }
            var node = new JsonObject();
            foreach (var property in typeof(T).GetProperties())
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (!form.TryGetValue(name, out var values)) continue;
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var text = values.ToString().Trim();
                if (type == typeof(IReadOnlyList<string>))
                    node[name] = new JsonArray(values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (JsonNode)JsonValue.Create(v!)).ToArray());
                else if (text.Length == 0)
                    continue;
                else if (type == typeof(int))
                    node[name] = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
                else if (type == typeof(long))
                    node[name] = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
                else if (type == typeof(double))
                    node[name] = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
                else if (type == typeof(bool))
                    node[name] = text is "on" or "true" or "True";
                else if (type == typeof(DateTimeOffset))
                {
                    // A datetime-local field: the time as the centre reads it (China time).
                    if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                        return (null, Invalid(name, "不是有效的日期时间。", "Not a valid date and time."));
                    node[name] = new DateTimeOffset(local, DisplayTime.Zone.GetUtcOffset(local)).ToString("O");
                }
                else node[name] = text;
                if (node[name] is null && text.Length > 0)
                    return (null, Invalid(name, $"“{text}”不是数字。", $"'{text}' is not a number."));
            }
            return (node.Deserialize<T>(Json), null);
        }
        if (allowEmpty && (request.ContentLength ?? 0) == 0 && !request.Headers.TransferEncoding.Any())
            return (null, null);
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem("Send JSON (application/json) or a form.", statusCode: 415, title: "Unsupported body / 不支持的格式"));
        try
        {
            var value = await request.ReadFromJsonAsync<T>(Json, ct);
            return value is null && !allowEmpty ? (null, Invalid("body", "请求体不能为空。", "The body is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, Invalid(field, "格式不正确。", "Invalid value: " + ex.Message.Split(" Path:")[0]));
        }
    }

    private static IResult Invalid(string field, string zh, string en) => Outcome<object>.Invalid(field, new(zh, en)).ToProblem();

    public static string? ReturnUrl(HttpContext http)
    {
        if (!http.Request.HasFormContentType || http.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is not { } form
            || !form.TryGetValue("returnUrl", out var value)) return null;
        var url = value.ToString();
        return url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : null;
    }

    /// <summary>The answer: a redirect back for a page's form, the JSON (or problem) for an API client.</summary>
    public static IResult Answer<T>(HttpContext http, Outcome<T> outcome, LocalizedText done, Func<T, IResult>? api = null)
    {
        if (ReturnUrl(http) is { } url)
        {
            var clean = url.Split('?')[0];
            var message = outcome.Ok ? done.Current : outcome.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? outcome.Message;
            return Results.Redirect($"{clean}?{(outcome.Ok ? "ok" : "error")}={Uri.EscapeDataString(message)}");
        }
        if (!outcome.Ok) return outcome.ToProblem();
        if (api is not null) return api(outcome.Value!);
        return outcome.Status switch
        {
            201 => Results.Json(outcome.Value, statusCode: 201),
            204 => Results.NoContent(),
            _ => Results.Ok(outcome.Value),
        };
    }

    /// <summary>A bad body: for a page, back with a message; for the API, the problem.</summary>
    public static IResult Refuse(HttpContext http, IResult error) =>
        ReturnUrl(http) is { } url
            ? Results.Redirect($"{url.Split('?')[0]}?error={Uri.EscapeDataString(LocalizedText.Pick("填写的内容有误，请检查后重试。", "Something in the form is not right; check it and try again."))}")
            : error;
}
