using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HappyCommunity.Host.Events;

/// <summary>
/// Wakes the dispatcher when a module store commits a new outbox row, naming the module, so delivery starts within
/// milliseconds of the commit instead of at the next poll. Polling stays as the safety net (and for rows written by
/// another host instance).
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentDictionary<string, bool> _dirty = new();

    public void Raise(string moduleId)
    {
        _dirty[moduleId] = true;
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    /// <summary>Waits for a commit or the timeout; true when woken by a commit.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <summary>The modules that committed outbox rows since the last call.</summary>
    public IReadOnlyList<string> TakeDirty()
    {
        var taken = new List<string>();
        foreach (var id in _dirty.Keys)
            if (_dirty.TryRemove(id, out _)) taken.Add(id);
        return taken;
    }
}

/// <summary>Notes a save that adds outbox rows, and raises the signal once they are committed.</summary>
public sealed class OutboxSaveInterceptor(string moduleId, OutboxSignal signal) : SaveChangesInterceptor
{
    // Contexts holding outbox rows saved inside a transaction that has not committed yet.
    internal static readonly ConditionalWeakTable<DbContext, string> Pending = new();
    private static readonly ConditionalWeakTable<DbContext, object> Adding = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Note(DbContext? context)
    {
        if (context is CentreDbContext && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            Adding.AddOrUpdate(context, true);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !Adding.Remove(context)) return;
        if (context.Database.CurrentTransaction is null) signal.Raise(moduleId);
        else Pending.AddOrUpdate(context, moduleId);
    }
}

/// <summary>Raises the signal when a transaction that saved outbox rows commits.</summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && OutboxSaveInterceptor.Pending.TryGetValue(context, out var moduleId))
        {
            OutboxSaveInterceptor.Pending.Remove(context);
            signal.Raise(moduleId);
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null) OutboxSaveInterceptor.Pending.Remove(context);
    }
}
