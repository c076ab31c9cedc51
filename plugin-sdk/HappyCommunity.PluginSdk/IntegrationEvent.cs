namespace HappyCommunity.PluginSdk;

/// <summary>
/// An event one module tells others about. Event types are contracts kept in this SDK, so that modules never
/// reference each other. A module publishes with <see cref="CentreDbContext.Publish"/>, which writes the event to its
/// store's outbox in the same transaction as the change. Delivery (after commit, at least once, retried, receivers
/// de-duplicating by <see cref="EventId"/>) is the host's dispatcher's job; in SDK 1.0 events are stored, not yet delivered.
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

/// <summary>Handles one kind of <see cref="IntegrationEvent"/>. Register implementations in <see cref="IModule.ConfigureServices"/>.</summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>Handles the event, in a scope bound to the event's centre. Throwing makes the host retry later.</summary>
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

    /// <summary>The last failure, for admins.</summary>
    public string? LastError { get; set; }
}
