using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HappyCommunity.Host.Events;

/// <summary>
/// Delivers the events in every module store's outbox to the handlers of the modules that are on in the event's
/// centre. Woken by commits (<see cref="OutboxSignal"/>) and by a poll. Each handler runs in a scope bound to the
/// centre and inside a write transaction on its module's store, with the event's receipt (<see cref="EventInbox"/>).
/// A failing handler is retried with back-off and parked after <see cref="EventOptions.MaxAttempts"/>; it never holds
/// up the other handlers, nor the publisher. An outbox row is marked dispatched once every handler has it or is parked.
/// </summary>
public sealed class EventDispatcher(
    PluginCatalog catalog, ModuleStores stores, CentreDirectory directory, IServiceScopeFactory scopes, ICentreScopeFactory centreScopes,
    IOptions<EventOptions> options, TimeProvider clock, ILogger<EventDispatcher> logger) : BackgroundService
{
    private static readonly Meter Meter = new("HappyCommunity.Events");
    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>("happycommunity.events.delivery_latency", "ms", "Commit-to-handled time of first attempts");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("happycommunity.events.handler_failures");
    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("happycommunity.events.duplicates_ignored");

    private readonly EventOptions _options = options.Value;
    // Events waiting for a handler's retry: left out of outbox reads until then, so they never crowd out new ones.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _waiting = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Dispatch)
        {
            logger.LogWarning("Event dispatch is off on this instance (Events:Dispatch=false)");
            return;
        }
        await Task.Yield();
        var everything = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var modules = everything ? null : stores.OutboxSignal.TakeDirty();
                var more = await DispatchAsync(modules, stoppingToken);
                if (more)
                {
                    everything = true; // the rest of a full batch: read again at once, not at the next poll
                    continue;
                }
                var woken = await stores.OutboxSignal.WaitAsync(TimeSpan.FromSeconds(_options.PollSeconds), stoppingToken);
                everything = !woken || _waiting.Any(w => w.Value <= clock.GetUtcNow());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Event dispatch failed; trying again shortly");
                everything = true;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>One pass over the outboxes of the given modules (all when null); true when a batch was full.</summary>
    public async Task<bool> DispatchAsync(IReadOnlyList<string>? modules, CancellationToken ct)
    {
        var more = false;
        foreach (var plugin in catalog.Running)
        {
            if (modules is not null && !modules.Contains(plugin.Id)) continue;
            foreach (var storeType in plugin.StoreTypes.Where(t => typeof(CentreDbContext).IsAssignableFrom(t)))
            {
                try
                {
                    more |= await DispatchStoreAsync(plugin, storeType, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Reading the outbox of {PluginId} failed", plugin.Id);
                }
            }
        }
        return more;
    }

    private async Task<bool> DispatchStoreAsync(PluginRecord source, Type storeType, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outbox = (CentreDbContext)scope.ServiceProvider.GetRequiredService(storeType);
        var now = clock.GetUtcNow();
        foreach (var (id, due) in _waiting)
            if (due <= now) _waiting.TryRemove(id, out _);
        var waiting = _waiting.Keys.ToList();
        var batch = await outbox.Outbox.AsNoTracking()
            .Where(m => m.DispatchedAt == null && !waiting.Contains(m.Id))
            .OrderBy(m => m.OccurredAt).Take(_options.BatchSize).ToListAsync(ct);
        if (batch.Count == 0) return false;

        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var ids = batch.Select(m => m.Id).ToList();
        var known = (await host.EventDeliveries.Where(d => ids.Contains(d.EventId)).ToListAsync(ct))
            .ToLookup(d => d.EventId);

        foreach (var message in batch)
        {
            var nextDue = await DeliverAsync(source, message, known[message.Id].ToDictionary(d => d.Handler), host, ct);
            if (nextDue is { } due)
            {
                _waiting[message.Id] = due;
                continue;
            }
            await outbox.Outbox.Where(m => m.Id == message.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, clock.GetUtcNow()).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        }
        return batch.Count == _options.BatchSize;
    }

    /// <summary>Delivers one event to every handler still owed it; null when none is left waiting, else the next retry time.</summary>
    private async Task<DateTimeOffset?> DeliverAsync(PluginRecord source, OutboxMessage message, Dictionary<string, EventDelivery> known, HostDbContext host, CancellationToken ct)
    {
        var eventType = typeof(IntegrationEvent).Assembly.GetType(message.Type);
        var centre = directory.Find(message.CentreId);
        if (eventType is null || centre is null)
        {
            // Never silently dropped: parked where admins look, with why.
            var why = eventType is null ? $"Unknown event type {message.Type}" : $"Unknown centre {message.CentreId}";
            await RecordFailureAsync(host, known, message, source.Id, "(none)", "(none)", why, park: true, ct);
            return null;
        }

        DateTimeOffset? nextDue = null;
        foreach (var target in catalog.Running)
        {
            var enabled = directory.IsEnabled(centre.Id, target.Id);
            foreach (var (handledType, handlerType) in target.EventHandlers)
            {
                if (handledType != eventType) continue;
                var key = $"{target.Id}:{handlerType.FullName}";
                known.TryGetValue(key, out var delivery);
                // A module switched off in the event's centre is not called. One switched off while its delivery waited
                // for a retry is parked, where admins see it and may send it again once the module is back on.
                if (!enabled)
                {
                    if (delivery is { Status: EventDeliveryStatus.Retrying })
                        await RecordFailureAsync(host, known, message, source.Id, target.Id, key, $"The module {target.Id} was switched off in this centre before the retry.", park: true, ct);
                    continue;
                }
                if (delivery is { Status: EventDeliveryStatus.Delivered or EventDeliveryStatus.Parked }) continue;
                if (delivery is { Status: EventDeliveryStatus.Retrying, NextAttemptAt: { } at } && at > clock.GetUtcNow())
                {
                    nextDue = nextDue is { } n && n < at ? n : at;
                    continue;
                }
                try
                {
                    await InvokeAsync(target, centre, message, eventType, handlerType, key, ct);
                    if (delivery is not null)
                    {
                        delivery.Status = EventDeliveryStatus.Delivered;
                        delivery.NextAttemptAt = null;
                        delivery.UpdatedAt = clock.GetUtcNow();
                        await host.SaveChangesAsync(ct);
                    }
                    else
                    {
                        Latency.Record((clock.GetUtcNow() - message.OccurredAt).TotalMilliseconds);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Failures.Add(1);
                    var failed = await RecordFailureAsync(host, known, message, source.Id, target.Id, key, Describe(ex), park: false, ct);
                    if (failed.Status == EventDeliveryStatus.Parked)
                        logger.LogError(ex, "Handler {Handler} of {PluginId} failed {Attempts} times on event {EventId} ({EventType}); parked for an admin to retry",
                            key, target.Id, failed.Attempts, message.Id, eventType.Name);
                    else
                    {
                        logger.LogWarning(ex, "Handler {Handler} of {PluginId} failed on event {EventId}; attempt {Attempts}, next at {NextAttemptAt}",
                            key, target.Id, message.Id, failed.Attempts, failed.NextAttemptAt);
                        nextDue = nextDue is { } n && n < failed.NextAttemptAt ? n : failed.NextAttemptAt;
                    }
                }
            }
        }
        return nextDue;
    }

    private async Task InvokeAsync(PluginRecord target, CentreInfo centre, OutboxMessage message, Type eventType, Type handlerType, string key, CancellationToken stopping)
    {
        // A handler that hangs must not hold up every other event: past the limit it is cancelled and counts as a failure.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        limit.CancelAfter(TimeSpan.FromSeconds(_options.HandlerTimeoutSeconds));
        var ct = limit.Token;
        var integrationEvent = (IntegrationEvent)JsonSerializer.Deserialize(message.Payload, eventType)!;
        await using var scope = centreScopes.CreateScope(centre);
        var services = scope.ServiceProvider;
        var contract = typeof(IIntegrationEventHandler<>).MakeGenericType(eventType);
        var handler = services.GetServices(contract).First(h => h!.GetType() == handlerType)!;
        var handle = () => (Task)contract.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!.Invoke(handler, [integrationEvent, ct])!;

        var storeType = target.StoreTypes.FirstOrDefault();
        if (storeType is null)
        {
            await handle(); // no store, no receipt: at least once
            return;
        }
        var store = (DbContext)services.GetRequiredService(storeType);
        await using var tx = await store.Database.BeginTransactionAsync(ct);
        if (await EventInbox.HasAsync(store, message.Id, key, ct))
        {
            Duplicates.Add(1);
            logger.LogDebug("Event {EventId} already handled by {Handler}; ignored", message.Id, key);
            return;
        }
        await handle();
        await EventInbox.RecordAsync(store, message.Id, key, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }

    private async Task<EventDelivery> RecordFailureAsync(HostDbContext host, Dictionary<string, EventDelivery> known, OutboxMessage message,
        string sourceModule, string handlerModule, string handler, string error, bool park, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!known.TryGetValue(handler, out var delivery))
        {
            delivery = new EventDelivery
            {
                EventId = message.Id, EventType = message.Type, SourceModule = sourceModule, CentreId = message.CentreId,
                HandlerModule = handlerModule, Handler = handler, OccurredAt = message.OccurredAt,
            };
            host.EventDeliveries.Add(delivery);
            known[handler] = delivery;
        }
        delivery.Attempts++;
        delivery.LastError = error.Length > 2000 ? error[..2000] : error;
        delivery.UpdatedAt = now;
        if (park || delivery.Attempts >= _options.MaxAttempts)
        {
            delivery.Status = EventDeliveryStatus.Parked;
            delivery.NextAttemptAt = null;
        }
        else
        {
            delivery.Status = EventDeliveryStatus.Retrying;
            delivery.NextAttemptAt = now + _options.Backoff(delivery.Attempts);
        }
        await host.SaveChangesAsync(ct);
        return delivery;
    }

    private static string Describe(Exception ex)
    {
        while (ex is System.Reflection.TargetInvocationException { InnerException: { } inner }) ex = inner;
        return $"{ex.GetType().Name}: {ex.Message}";
    }
}
