using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HappyCommunity.Host.Api;

/// <summary>
/// Malformed input (bad JSON, a wrong type, a missing body) becomes a 400 validation problem naming the field,
/// never a 500. Minimal APIs throw <see cref="BadHttpRequestException"/> for these (ThrowOnBadRequest is on).
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;

        var field = "body";
        var message = bad.Message;
        if (bad.InnerException is JsonException json)
        {
            field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            message = $"The value is not valid here{(json.LineNumber is { } line ? $" (line {line + 1})" : "")}. 请检查此项的格式。";
        }
        else if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) || bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            message = "A JSON body is required. 请提交 JSON 内容。";
        }
        else if (bad.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal))
        {
            // e.g. Failed to bind parameter "int take" from "abc".
            field = bad.Message.Split('"').ElementAtOrDefault(1)?.Split(' ').LastOrDefault() ?? "query";
            message = $"The value is not valid here. 此项的值无效。";
        }

        http.Response.StatusCode = bad.StatusCode;
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = "The request is not valid / 请求内容有误",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }
}
