using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HappyCommunity.PluginSdk;

/// <summary>A row that belongs to one centre.</summary>
public interface ICentreOwned
{
    /// <summary>The owning centre's id; stamped by <see cref="CentreDbContext"/> on insert and never changed.</summary>
    int CentreId { get; set; }
}

/// <summary>A row that records who created and last changed it, when and through which channel.</summary>
public interface IAudited
{
    /// <summary>When the row was created.</summary>
    DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user id that created the row, or null for the system.</summary>
    string? CreatedBy { get; set; }

    /// <summary>When the row was last changed.</summary>
    DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The user id that last changed the row.</summary>
    string? UpdatedBy { get; set; }

    /// <summary>The channel through which the row was created (counter, phone, home visit, or self): the current user's,
    /// unless the module set another before saving.</summary>
    ServiceChannel CreatedVia { get; set; }
}

/// <summary>
/// The base of a module's store. It filters every <see cref="ICentreOwned"/> entity to the current centre,
/// stamps the centre id on insert, refuses to move a row to another centre, and fills <see cref="IAudited"/> fields.
/// A query outside a centre sees no centre-owned rows unless it calls <c>IgnoreQueryFilters()</c> on purpose.
/// </summary>
public abstract class CentreDbContext : DbContext
{
    private readonly ICentreContext _centre;
    private readonly ICurrentUser? _user;
    private readonly TimeProvider _clock;

    /// <summary>Creates the context for the current scope.</summary>
    /// <param name="options">The options the host configured for the module's store.</param>
    /// <param name="centre">The current centre.</param>
    /// <param name="user">The current user, if any.</param>
    /// <param name="clock">The clock that stamps audit times.</param>
    protected CentreDbContext(DbContextOptions options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
        : base(options)
    {
        _centre = centre;
        _user = user;
        _clock = clock;
    }

    /// <summary>The events waiting to be dispatched; written by <see cref="Publish"/>.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>
    /// Adds an event to this store's outbox. It is committed by the next <c>SaveChanges</c>, in the same transaction
    /// as the change that raised it; the host's dispatcher delivers it after the commit, at least once, and each
    /// receiving module's store records the event id so that a second delivery is ignored.
    /// </summary>
    /// <param name="integrationEvent">The event; its centre and time are filled in when not set.</param>
    public void Publish(IntegrationEvent integrationEvent)
    {
        // Receivers know only the SDK's contracts; an event of another assembly could never be delivered.
        if (integrationEvent.GetType().Assembly != typeof(IntegrationEvent).Assembly)
            throw new ArgumentException($"{integrationEvent.GetType().Name} is not an SDK event contract; only the SDK's event types can be published.", nameof(integrationEvent));
        var stamped = integrationEvent with
        {
            CentreId = integrationEvent.CentreId != 0 ? integrationEvent.CentreId : _centre.RequiredCentre.Id,
            OccurredAt = integrationEvent.OccurredAt != default ? integrationEvent.OccurredAt : _clock.GetUtcNow(),
        };
        Outbox.Add(new OutboxMessage
        {
            Id = stamped.EventId,
            Type = stamped.GetType().FullName!,
            Payload = System.Text.Json.JsonSerializer.Serialize(stamped, stamped.GetType()),
            CentreId = stamped.CentreId,
            OccurredAt = stamped.OccurredAt,
        });
    }

    /// <summary>
    /// Begins a write transaction on this store, or joins the one already open. An event handler runs inside the
    /// host's transaction (so the event's receipt and the handler's changes commit together or not at all); code that
    /// endpoints and handlers share uses this instead of <c>Database.BeginTransactionAsync</c>. Since SDK 1.2.
    /// </summary>
    /// <remarks>
    /// Writers to the same store file in this process queue in turn before the transaction begins, and the next is
    /// woken the moment one commits or rolls back; without the queue each waits inside SQLite's busy handler, which
    /// sleeps in steps of up to 100 ms while the lock may already be free (SQLite only: other databases lock rows).
    /// A writer that has waited 30 seconds goes on to SQLite's own locking, so the queue never blocks more than it
    /// did. Inside the transaction a failed <c>SaveChanges</c> is not undone by a savepoint: roll the whole
    /// transaction back (savepoints are as before once it ends).
    /// </remarks>
    /// <param name="cancellationToken">Cancels the begin.</param>
    /// <returns>A transaction to commit; when it joined an open one, committing is left to whoever opened it.</returns>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null) return new WriteTransaction(null, null);
        // One writer at a time is SQLite's rule for a file; other databases lock rows and are not queued.
        var queue = Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite"
            ? WriteQueues.GetOrAdd(Database.GetDbConnection().DataSource ?? "", _ => new SemaphoreSlim(1, 1))
            : null;
        var entered = queue is not null && await queue.WaitAsync(WriteQueueTimeout, cancellationToken);
        var savepoints = Database.AutoSavepointsEnabled;
        void End()
        {
            Database.AutoSavepointsEnabled = savepoints;
            if (entered) queue!.Release();
        }
        try
        {
            // A caller that gave up while queued (a closed connection) stops here; once begun, the begin is not cut short.
            cancellationToken.ThrowIfCancellationRequested();
            // No savepoint around each SaveChanges inside it (two statements fewer while holding the lock): a save
            // that fails leaves the transaction to be rolled back, not continued.
            Database.AutoSavepointsEnabled = false;
            return new WriteTransaction(await Database.BeginTransactionAsync(CancellationToken.None), End);
        }
        catch
        {
            End();
            throw;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriteQueues = new(StringComparer.Ordinal);

    /// <summary>How long <see cref="BeginWriteAsync"/> waits its turn among this process's writers to the same store.</summary>
    private static readonly TimeSpan WriteQueueTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The current centre's id, or null outside a centre. Used by the query filter.</summary>
    protected int? CurrentCentreId => _centre.Centre?.Id;

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or sort DateTimeOffset text; stored as sortable integers there (times are UTC).
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("__outbox");
            b.HasKey(m => m.Id);
            b.Property(m => m.Type).HasMaxLength(300);
            b.HasIndex(m => m.DispatchedAt);
        });
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.BaseType is null && typeof(ICentreOwned).IsAssignableFrom(entity.ClrType))
            {
                ApplyCentreFilterMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
                modelBuilder.Entity(entity.ClrType).HasIndex(nameof(ICentreOwned.CentreId));
            }
        }
    }

    private static readonly MethodInfo ApplyCentreFilterMethod =
        typeof(CentreDbContext).GetMethod(nameof(ApplyCentreFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private void ApplyCentreFilter<TEntity>(ModelBuilder modelBuilder) where TEntity : class, ICentreOwned
    {
        Expression<Func<TEntity, bool>> filter = e => e.CentreId == CurrentCentreId;
        modelBuilder.Entity<TEntity>().HasQueryFilter(filter);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampChanges()
    {
        var now = _clock.GetUtcNow();
        foreach (EntityEntry entry in ChangeTracker.Entries())
        {
            if (entry.Entity is ICentreOwned owned)
            {
                switch (entry.State)
                {
                    case EntityState.Added:
                        var centreId = CurrentCentreId
                            ?? throw new InvalidOperationException($"Cannot add {entry.Metadata.ClrType.Name} outside a centre.");
                        if (owned.CentreId != 0 && owned.CentreId != centreId)
                            throw new InvalidOperationException($"Cannot add {entry.Metadata.ClrType.Name} for another centre.");
                        owned.CentreId = centreId;
                        break;
                    case EntityState.Modified or EntityState.Deleted:
                        var property = entry.Property(nameof(ICentreOwned.CentreId));
                        if (!Equals(property.OriginalValue, property.CurrentValue)
                            || (CurrentCentreId is { } current && owned.CentreId != current))
                            throw new InvalidOperationException($"Cannot move or change {entry.Metadata.ClrType.Name} of another centre.");
                        break;
                }
            }

            if (entry.Entity is IAudited audited)
            {
                if (entry.State == EntityState.Added)
                {
                    audited.CreatedAt = now;
                    audited.CreatedBy = _user?.UserId;
                    // A module that already knows the channel (staff said so in the request body) keeps it.
                    if (audited.CreatedVia == ServiceChannel.Self)
                        audited.CreatedVia = _user?.Channel ?? ServiceChannel.Self;
                }
                else if (entry.State == EntityState.Modified)
                {
                    audited.UpdatedAt = now;
                    audited.UpdatedBy = _user?.UserId;
                }
            }
        }
    }
}

/// <summary>A write transaction from <see cref="CentreDbContext.BeginWriteAsync"/>: its own, or a share of one already open.</summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _owned;
    private Action? _end;

    internal WriteTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? owned, Action? end)
    {
        _owned = owned;
        _end = end;
    }

    /// <summary>Whether this transaction joined one already open (committing it is then someone else's job).</summary>
    public bool Joined => _owned is null;

    /// <summary>Commits, when the transaction is this one's own, and lets the next writer to the store go.</summary>
    /// <param name="cancellationToken">Cancels the commit.</param>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_owned is null) return;
        try
        {
            // Checked before, never cut short: a commit abandoned half-way only turns finished work into a rollback.
            cancellationToken.ThrowIfCancellationRequested();
            await _owned.CommitAsync(CancellationToken.None);
        }
        finally
        {
            PassTurn();
        }
    }

    /// <summary>Rolls back what was not committed, when the transaction is this one's own.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_owned is null) return;
        try
        {
            await _owned.DisposeAsync();
        }
        finally
        {
            PassTurn();
        }
    }

    // Once, at commit or at dispose: the next writer's turn, and the context's savepoint setting as it was.
    private void PassTurn() => Interlocked.Exchange(ref _end, null)?.Invoke();
}
