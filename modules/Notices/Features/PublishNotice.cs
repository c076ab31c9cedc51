using System.ComponentModel.DataAnnotations;
using HappyCommunity.Modules.Notices.Data;
using HappyCommunity.PluginSdk;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Notices.Features;

/// <summary>Staff publish a notice to the centre's board.</summary>
public static class PublishNotice
{
    public sealed record Command(
        [property: Required(ErrorMessage = "请填写标题 / Title is required"), StringLength(100, MinimumLength = 2)] string Title,
        [property: Required(ErrorMessage = "请填写内容 / Body is required"), StringLength(4000, MinimumLength = 2)] string Body,
        bool Pinned = false) : IRequest<Result>;

    public sealed record Result(int Id, string? Error);

    public sealed class Handler(NoticesDbContext db, IModuleSettings settings, INotifier notifier, ICentreContext centre) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.Pinned)
            {
                var limit = int.Parse(await settings.GetAsync("notices", "pinnedLimit", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                var pinned = await db.Notices.CountAsync(n => n.Pinned, cancellationToken);
                if (pinned >= limit)
                    return new Result(0, $"最多只能置顶 {limit} 条公告 / At most {limit} notices can be pinned");
            }

            var notice = new Notice { Title = request.Title.Trim(), Body = request.Body.Trim(), Pinned = request.Pinned };
            db.Notices.Add(notice);
            await db.SaveChangesAsync(cancellationToken);

            // A pinned notice matters to everyone: it goes to every resident's inbox too.
            if (notice.Pinned)
                await notifier.NotifyRoleAsync(Roles.Resident,
                    new NotificationMessage(new("置顶公告：" + notice.Title, "Pinned notice: " + notice.Title), new(notice.Body),
                        $"/c/{centre.RequiredCentre.Slug}/notices"),
                    cancellationToken);
            return new Result(notice.Id, null);
        }
    }

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/", async Task<Results<Created<Result>, ValidationProblem>> (Command command, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var result = await mediator.Send(command, ct);
                if (result.Error is not null)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pinned"] = [result.Error] });
                return TypedResults.Created($"{http.Request.Path.Value?.TrimEnd('/')}/{result.Id}", result);
            })
            .WithName("PublishNotice")
            .WithSummary("Publish a notice")
            .RequirePermission(NoticesPermissions.Publish);
}
