namespace HappyCommunity.PluginSdk;

/// <summary>
/// An event one module tells others about. Event types are contracts kept in this SDK, so that modules never
/// reference each other. A module publishes with <see cref="CentreDbContext.Publish"/>, which writes the event to its
/// store's outbox in the same transaction as the change. The host delivers it after the commit, at least once, with
/// retries and back-off; each receiving module's store records the <see cref="EventId"/>, so a second delivery is
/// ignored. A handler that keeps failing is parked for an admin to retry; handlers of a module switched off in the
/// event's centre are not called. Events are delivered since SDK 1.2 (stored only before).
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>The event's unique id; receivers ignore an id they have already handled.</summary>
    public Guid EventId { get; init; } = Guid.NewGuid();

    /// <summary>The centre the event happened in; handlers of modules switched off there are not called.</summary>
    public int CentreId { get; init; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>Handles one kind of <see cref="IntegrationEvent"/>. The host finds the module's implementations by scanning its assembly; no registration is needed.</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>
    /// Handles the event, in a scope bound to the event's centre, inside a write transaction on the module's store
    /// (the first store it registered). The event's receipt commits with the handler's changes, so the handler runs
    /// to completion at most once per event. Use <see cref="CentreDbContext.BeginWriteAsync"/>, not a transaction of
    /// its own. Throwing rolls the handler's changes back and makes the host retry later.
    /// </summary>
    /// <param name="integrationEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>An event waiting in a module store's outbox, written in the same transaction as the change that raised it.</summary>
public sealed class OutboxMessage
{
    /// <summary>The event's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The event type's full name.</summary>
    public string Type { get; set; } = "";

    /// <summary>The event, as JSON.</summary>
    public string Payload { get; set; } = "";

    /// <summary>The centre the event happened in.</summary>
    public int CentreId { get; set; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>When every handler had it, or null while it waits.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>How many dispatch attempts were made.</summary>
    public int Attempts { get; set; }

    /// <summary>Not written by the host since SDK 1.2: each handler's failures are kept per delivery, where admins see them.</summary>
    public string? LastError { get; set; }
}
