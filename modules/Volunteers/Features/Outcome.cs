using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Http;

namespace HappyCommunity.Modules.Volunteers.Features;

/// <summary>What an operation came to: a value, or a refusal that the API turns into a problem and a page into a message.</summary>
public sealed record Outcome<T>(T? Value, int Status, LocalizedText? Problem, IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool Ok => Status is >= 200 and < 300;

    public static Outcome<T> Success(T value, int status = 200) => new(value, status, null, null);
    public static Outcome<T> Fail(int status, LocalizedText problem) => new(default, status, problem, null);
    public static Outcome<T> Invalid(string field, LocalizedText message) =>
        new(default, 400, message, new Dictionary<string, string[]> { [field] = [$"{message.Zh} / {message.En}"] });
    public static Outcome<T> NotFound() => Fail(404, new("这个中心没有这一项。", "There is no such item in this centre."));

    public Outcome<TOther> As<TOther>() => new(default, Status, Problem, Errors);

    /// <summary>The message for a page, in the current language.</summary>
    public string Message => Problem?.Current ?? "";

    public IResult ToProblem()
    {
        if (Errors is not null)
            return TypedResults.ValidationProblem(Errors, detail: Problem?.En, title: "Invalid request / 请求有误");
        var title = Status switch
        {
            403 => "Forbidden / 无权操作",
            404 => "Not found / 未找到",
            409 => "Not possible now / 当前状态不允许",
            _ => "Request failed / 操作失败",
        };
        return TypedResults.Problem(detail: Problem is null ? null : $"{Problem.En} / {Problem.Zh}", statusCode: Status, title: title);
    }
}
