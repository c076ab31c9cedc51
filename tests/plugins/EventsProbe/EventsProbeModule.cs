using System.Collections.Concurrent;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.TestPlugins.EventsProbe;

/// <summary>
/// Publishes <see cref="HelpRequested"/> events on demand and records every one it receives, with the latency from the
/// event's time. A reference starting <c>fail-always</c> makes its handler throw every time; <c>fail-twice</c> twice.
/// </summary>
public sealed class EventsProbeModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context) => context.AddStore<ProbeDbContext>(services);

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapPost("/publish", async (PublishInput input, ProbeDbContext db, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow();
            var published = new HelpRequested
            {
                SourceModule = input.Source ?? "events-probe",
                SourceRef = input.Ref,
                Title = new("探针求助 " + input.Ref, "Probe help " + input.Ref),
                Details = "probe",
                EstimatedHours = 1,
                ClaimBy = now.AddHours(1),
                DoneBy = now.AddHours(2),
            };
            db.Publish(published);
            await db.SaveChangesAsync();
            return Results.Ok(new { eventId = published.EventId });
        });
        api.MapGet("/received", async (ProbeDbContext db) =>
            Results.Ok(await db.Received.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.EventId, r.SourceRef, r.Kind, r.LatencyMs }).ToListAsync()));
    }

    public sealed record PublishInput(string Ref, string? Source);
}

public sealed class ProbeHandler(ProbeDbContext db, TimeProvider clock) :
    IIntegrationEventHandler<HelpRequested>, IIntegrationEventHandler<HelpTaskCompleted>, IIntegrationEventHandler<HelpTaskExpired>, IIntegrationEventHandler<HelpTaskClaimed>
{
    private static readonly ConcurrentDictionary<Guid, int> Failures = new();

    public Task HandleAsync(HelpRequested e, CancellationToken ct)
    {
        if (e.SourceRef.StartsWith("fail-always", StringComparison.Ordinal))
            throw new InvalidOperationException("the probe fails on purpose: " + e.SourceRef);
        if (e.SourceRef.StartsWith("fail-twice", StringComparison.Ordinal) && Failures.AddOrUpdate(e.EventId, 1, (_, n) => n + 1) <= 2)
            throw new InvalidOperationException("the probe fails on purpose, for now: " + e.SourceRef);
        return RecordAsync(e, e.SourceRef, "requested", ct);
    }

    public Task HandleAsync(HelpTaskCompleted e, CancellationToken ct) => e.SourceModule == "events-probe" ? RecordAsync(e, e.SourceRef, "completed", ct) : Task.CompletedTask;

    public Task HandleAsync(HelpTaskExpired e, CancellationToken ct) => e.SourceModule == "events-probe" ? RecordAsync(e, e.SourceRef, "expired", ct) : Task.CompletedTask;

    public Task HandleAsync(HelpTaskClaimed e, CancellationToken ct) => e.SourceModule == "events-probe" ? RecordAsync(e, e.SourceRef, "claimed", ct) : Task.CompletedTask;

    private async Task RecordAsync(IntegrationEvent e, string sourceRef, string kind, CancellationToken ct)
    {
        db.Received.Add(new Received { EventId = e.EventId, SourceRef = sourceRef, Kind = kind, LatencyMs = (clock.GetUtcNow() - e.OccurredAt).TotalMilliseconds });
        await db.SaveChangesAsync(ct);
    }
}

public sealed class Received : ICentreOwned
{
    public long Id { get; set; }
    public int CentreId { get; set; }
    public Guid EventId { get; set; }
    public string SourceRef { get; set; } = "";
    public string Kind { get; set; } = "";
    public double LatencyMs { get; set; }
}

public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
    : CentreDbContext(options, centre, user, clock)
{
    public DbSet<Received> Received => Set<Received>();

    // A test plugin: its one migration is written by hand, without a model snapshot.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
}

[DbContext(typeof(ProbeDbContext))]
[Migration("20261203000000_Initial")]
public sealed class InitialMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "__outbox" ("Id" TEXT NOT NULL PRIMARY KEY, "Type" TEXT NOT NULL, "Payload" TEXT NOT NULL, "CentreId" INTEGER NOT NULL,
                "OccurredAt" INTEGER NOT NULL, "DispatchedAt" INTEGER NULL, "Attempts" INTEGER NOT NULL, "LastError" TEXT NULL);
            CREATE INDEX "IX___outbox_DispatchedAt" ON "__outbox" ("DispatchedAt");
            CREATE TABLE "Received" ("Id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "CentreId" INTEGER NOT NULL, "EventId" TEXT NOT NULL,
                "SourceRef" TEXT NOT NULL, "Kind" TEXT NOT NULL, "LatencyMs" REAL NOT NULL);
            CREATE INDEX "IX_Received_CentreId" ON "Received" ("CentreId");
            """);
    }
}
