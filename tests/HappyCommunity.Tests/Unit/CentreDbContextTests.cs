using HappyCommunity.PluginSdk;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HappyCommunity.Tests.Unit;

/// <summary>The SDK's base context on a real SQLite file: centre filter, centre stamping, audit fields, outbox.</summary>
public sealed class CentreDbContextTests : IDisposable
{
    private readonly string _file = Path.Combine(TestPaths.NewTempDirectory("ctx"), "things.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

    private static readonly CentreInfo A = new(1, "a", new("甲"), "town");
    private static readonly CentreInfo B = new(2, "b", new("乙"), "town");

    public sealed class Thing : CentreEntity
    {
        public string Name { get; set; } = "";
    }

    public sealed record Happened(string What) : IntegrationEvent;

    private sealed class FixedCentre(CentreInfo? centre) : ICentreContext
    {
        public CentreInfo? Centre { get; } = centre;
    }

    private sealed class User(string id) : ICurrentUser
    {
        public string? UserId { get; } = id;
        public string? DisplayName => UserId;
        public IReadOnlySet<string> Roles { get; } = new HashSet<string> { PluginSdk.Roles.Staff };
        public ServiceChannel Channel => ServiceChannel.Phone;
        public bool HasPermission(string permission) => true;
    }

    private sealed class ThingsDbContext(DbContextOptions options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
        : CentreDbContext(options, centre, user, clock)
    {
        public DbSet<Thing> Things => Set<Thing>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Thing>().HasIndex(t => t.Name).IsUnique();
            base.OnModelCreating(modelBuilder);
        }
    }

    private ThingsDbContext Open(CentreInfo? centre, string user = "u1")
    {
        var db = new ThingsDbContext(new DbContextOptionsBuilder().UseSqlite($"Data Source={_file}").Options, new FixedCentre(centre), new User(user), _clock);
        db.Database.EnsureCreated();
        return db;
    }

    [Fact]
    public async Task Insert_stamps_the_current_centre_and_the_audit_fields()
    {
        await using (var db = Open(A, "staff-7"))
        {
            db.Things.Add(new Thing { Name = "ladder" });
            await db.SaveChangesAsync();
        }

        await using var read = Open(A);
        var thing = await read.Things.SingleAsync();
        Assert.Equal(A.Id, thing.CentreId);
        Assert.Equal(_clock.GetUtcNow(), thing.CreatedAt);
        Assert.Equal("staff-7", thing.CreatedBy);
        Assert.Equal(ServiceChannel.Phone, thing.CreatedVia);
        Assert.Null(thing.UpdatedAt);

        _clock.Advance(TimeSpan.FromHours(2));
        thing.Name = "long ladder";
        await read.SaveChangesAsync();
        Assert.Equal(_clock.GetUtcNow(), thing.UpdatedAt);
    }

    [Fact]
    public async Task Another_centre_sees_none_of_the_rows()
    {
        await using (var db = Open(A))
        {
            db.Things.Add(new Thing { Name = "a-thing" });
            await db.SaveChangesAsync();
        }
        await using (var db = Open(B))
        {
            db.Things.Add(new Thing { Name = "b-thing" });
            await db.SaveChangesAsync();
            Assert.Equal(["b-thing"], await db.Things.Select(t => t.Name).ToListAsync());
        }
        await using var none = Open(null);
        Assert.Empty(await none.Things.ToListAsync());
        Assert.Equal(2, await none.Things.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_row_cannot_be_added_outside_a_centre_nor_moved_or_changed_from_another()
    {
        await using (var outside = Open(null))
        {
            outside.Things.Add(new Thing { Name = "orphan" });
            await Assert.ThrowsAsync<InvalidOperationException>(() => outside.SaveChangesAsync());
        }
        await using (var db = Open(A))
        {
            db.Things.Add(new Thing { Name = "mine" });
            await db.SaveChangesAsync();
        }
        await using (var thief = Open(B))
        {
            var row = await thief.Things.IgnoreQueryFilters().SingleAsync(t => t.Name == "mine");
            row.Name = "stolen";
            await Assert.ThrowsAsync<InvalidOperationException>(() => thief.SaveChangesAsync());
        }
        await using (var mover = Open(A))
        {
            var row = await mover.Things.SingleAsync(t => t.Name == "mine");
            row.CentreId = B.Id;
            await Assert.ThrowsAsync<InvalidOperationException>(() => mover.SaveChangesAsync());
        }
        await using var check = Open(A);
        Assert.Equal("mine", (await check.Things.SingleAsync()).Name);
    }

    [Fact]
    public async Task A_published_event_commits_with_the_change_or_not_at_all()
    {
        await using (var db = Open(A))
        {
            db.Things.Add(new Thing { Name = "unique" });
            db.Publish(new HelpWithdrawn { SourceModule = "test", SourceRef = "added" });
            await db.SaveChangesAsync();
        }
        await using (var db = Open(A))
        {
            var message = await db.Outbox.SingleAsync();
            Assert.Equal(typeof(HelpWithdrawn).FullName, message.Type);
            Assert.Equal(A.Id, message.CentreId);
            Assert.Contains("added", message.Payload);
            Assert.Null(message.DispatchedAt);

            db.Things.Add(new Thing { Name = "unique" }); // violates the unique index: the whole save fails
            db.Publish(new HelpWithdrawn { SourceModule = "test", SourceRef = "duplicate" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using var check = Open(A);
        // Receivers know only the SDK's contracts: an event type of the module's own could never be delivered.
        Assert.Throws<ArgumentException>(() => check.Publish(new Happened("private")));
        Assert.Equal(1, await check.Outbox.CountAsync());
        Assert.Equal(1, await check.Things.CountAsync());
    }

    [Fact]
    public async Task Writers_to_one_store_take_turns_and_a_rolled_back_or_failed_one_lets_the_next_go()
    {
        // A writer that rolls back (disposes without committing) passes its turn at once: the next begins well
        // within the queue's 30 s wait.
        await using (var first = Open(A))
        await using (var tx = await first.BeginWriteAsync())
        {
            first.Things.Add(new Thing { Name = "rolled back" });
            await first.SaveChangesAsync();
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var second = Open(A))
        await using (var tx = await second.BeginWriteAsync())
        {
            second.Things.Add(new Thing { Name = "kept" });
            await second.SaveChangesAsync();
            await tx.CommitAsync();
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the next writer waited {watch.Elapsed}");

        // A commit that fails (a unique name taken) passes the turn too; twenty concurrent writers all get in, one at a time.
        await using (var failing = Open(A))
        {
            await using var tx = await failing.BeginWriteAsync();
            failing.Things.Add(new Thing { Name = "kept" });
            await Assert.ThrowsAsync<DbUpdateException>(() => failing.SaveChangesAsync());
        }
        var inside = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using var db = Open(A);
            await using var tx = await db.BeginWriteAsync();
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            db.Things.Add(new Thing { Name = $"writer {i}" });
            await db.SaveChangesAsync();
            Interlocked.Decrement(ref inside);
            await tx.CommitAsync();
        })));
        Assert.Equal(1, most);

        // Savepoints are off only while a write transaction of its own is open.
        await using (var db = Open(A))
        {
            Assert.True(db.Database.AutoSavepointsEnabled);
            await using (var tx = await db.BeginWriteAsync())
            {
                Assert.False(db.Database.AutoSavepointsEnabled);
                await tx.CommitAsync();
            }
            Assert.True(db.Database.AutoSavepointsEnabled);
        }
        await using var check = Open(A);
        Assert.Equal(21, await check.Things.CountAsync());
        Assert.DoesNotContain(await check.Things.Select(t => t.Name).ToListAsync(), n => n == "rolled back");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(_file)!, true); } catch (IOException) { }
    }
}
