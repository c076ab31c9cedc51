namespace HappyCommunity.Host.Events;

/// <summary>Admins see event deliveries that keep failing, and send a parked one again.</summary>
public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").RequireAuthorization().WithTags("Admin");

        group.MapGet("/deliveries", async (string? status, string? centre, EventDeliveries deliveries, CancellationToken ct) =>
                (await deliveries.ListAsync(status, centre, ct)).ToResult())
            .WithSummary("Event deliveries that failed: parked (the default), retrying or delivered after failing (admins)");

        group.MapPost("/deliveries/{id:long}/retry", async (long id, EventDeliveries deliveries, CancellationToken ct) =>
                (await deliveries.RetryAsync(id, ct)).ToResult())
            .WithSummary("Send a parked event delivery again (admins of its centre)");
    }
}
