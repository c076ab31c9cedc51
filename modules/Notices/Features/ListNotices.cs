using HappyCommunity.Modules.Notices.Data;
using HappyCommunity.PluginSdk;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Notices.Features;

/// <summary>Lists the centre's notices: pinned first, newest first.</summary>
public static class ListNotices
{
    public sealed record Query(int Take = 50) : IRequest<IReadOnlyList<NoticeDto>>;

    public sealed record NoticeDto(int Id, string Title, string Body, bool Pinned, DateTimeOffset PublishedAt);

    public sealed class Handler(NoticesDbContext db) : IRequestHandler<Query, IReadOnlyList<NoticeDto>>
    {
        public async Task<IReadOnlyList<NoticeDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var take = Math.Clamp(request.Take, 1, 200);
            var rows = await db.Notices.AsNoTracking()
                .OrderByDescending(n => n.Pinned).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Take(take)
                .Select(n => new NoticeDto(n.Id, n.Title, n.Body, n.Pinned, n.CreatedAt))
                .ToListAsync(cancellationToken);
            return rows;
        }
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/", async (IMediator mediator, CancellationToken ct, int? take) =>
                TypedResults.Ok(await mediator.Send(new Query(take ?? 50), ct)))
            .WithName("ListNotices")
            .WithSummary("List the centre's notices")
            .RequirePermission(NoticesPermissions.Read);

        api.MapGet("/{id:int}", async Task<IResult> (int id, NoticesDbContext db, CancellationToken ct) =>
                await db.Notices.AsNoTracking().Where(n => n.Id == id)
                        .Select(n => new NoticeDto(n.Id, n.Title, n.Body, n.Pinned, n.CreatedAt)).FirstOrDefaultAsync(ct) is { } notice
                    ? TypedResults.Ok(notice)
                    : TypedResults.Problem("There is no such notice in this centre.", statusCode: 404, title: "Not found / 未找到"))
            .WithName("GetNotice")
            .WithSummary("One notice")
            .RequirePermission(NoticesPermissions.Read);
    }
}
