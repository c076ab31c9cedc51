using System.Collections.Frozen;
using HappyCommunity.Host.Data;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Centres;

/// <summary>
/// The in-memory snapshot of towns, centres and which modules each centre has on. Every request reads it
/// (centre resolution, the gate, navigation) without touching the database; it is rebuilt after every change
/// here, and when another host instance changes something (see <see cref="DirectoryRefresher"/>).
/// </summary>
public sealed class CentreDirectory(IServiceScopeFactory scopes)
{
    private volatile Snapshot _snapshot = Snapshot.Empty;

    public sealed record TownInfo(int Id, string Slug, LocalizedText Name);

    private sealed record Snapshot(
        long Version,
        FrozenDictionary<string, CentreInfo> BySlug,
        FrozenDictionary<int, CentreInfo> ById,
        FrozenDictionary<string, TownInfo> Towns,
        FrozenDictionary<int, FrozenSet<string>> Enabled,
        FrozenDictionary<(int CentreId, string Role, string Permission), bool> Grants)
    {
        public static readonly Snapshot Empty = new(-1,
            FrozenDictionary<string, CentreInfo>.Empty, FrozenDictionary<int, CentreInfo>.Empty,
            FrozenDictionary<string, TownInfo>.Empty, FrozenDictionary<int, FrozenSet<string>>.Empty,
            FrozenDictionary<(int, string, string), bool>.Empty);
    }

    public long Version => _snapshot.Version;

    public IReadOnlyCollection<CentreInfo> Centres => _snapshot.ById.Values;

    public IReadOnlyCollection<TownInfo> Towns => _snapshot.Towns.Values;

    public CentreInfo? Find(string slug) => _snapshot.BySlug.GetValueOrDefault(slug);

    public CentreInfo? Find(int id) => _snapshot.ById.GetValueOrDefault(id);

    public TownInfo? FindTown(string slug) => _snapshot.Towns.GetValueOrDefault(slug);

    public bool IsEnabled(int centreId, string moduleId) =>
        _snapshot.Enabled.TryGetValue(centreId, out var modules) && modules.Contains(moduleId);

    public IReadOnlyCollection<string> EnabledModules(int centreId) =>
        _snapshot.Enabled.TryGetValue(centreId, out var modules) ? modules : FrozenSet<string>.Empty;

    /// <summary>The centre's own decision for a role and permission, or null when the module's default applies.</summary>
    public bool? GrantOverride(int centreId, string role, string permission) =>
        _snapshot.Grants.TryGetValue((centreId, role, permission), out var granted) ? granted : null;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var version = await db.ChangeStamps.AsNoTracking().Where(s => s.Name == ChangeStamps.Directory)
            .Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        var towns = await db.Towns.AsNoTracking().ToListAsync(cancellationToken);
        var centres = await db.Centres.AsNoTracking().Include(c => c.Town).ToListAsync(cancellationToken);
        var enabled = await db.CentreModules.AsNoTracking().Where(m => m.Enabled).ToListAsync(cancellationToken);
        var grants = await db.PermissionGrants.AsNoTracking().ToListAsync(cancellationToken);

        var infos = centres.Select(c => new CentreInfo(c.Id, c.Slug, new LocalizedText(c.NameZh, c.NameEn), c.Town.Slug)).ToList();
        _snapshot = new Snapshot(
            version,
            infos.ToFrozenDictionary(c => c.Slug, StringComparer.OrdinalIgnoreCase),
            infos.ToFrozenDictionary(c => c.Id),
            towns.ToFrozenDictionary(t => t.Slug, t => new TownInfo(t.Id, t.Slug, new LocalizedText(t.NameZh, t.NameEn)), StringComparer.OrdinalIgnoreCase),
            enabled.GroupBy(m => m.CentreId).ToFrozenDictionary(g => g.Key, g => g.Select(m => m.ModuleId).ToFrozenSet()),
            grants.ToFrozenDictionary(g => (g.CentreId, g.Role, g.Permission), g => g.Granted));
    }
}

/// <summary>Names of the change counters in <see cref="HostDbContext.ChangeStamps"/>.</summary>
public static class ChangeStamps
{
    public const string Directory = "directory";

    /// <summary>Bumps a counter in the same unit of work as the change, so other instances notice it.</summary>
    public static async Task BumpAsync(HostDbContext db, string name, CancellationToken cancellationToken)
    {
        var stamp = await db.ChangeStamps.FindAsync([name], cancellationToken);
        if (stamp is null)
            db.ChangeStamps.Add(new ChangeStamp { Name = name, Version = 1 });
        else
            stamp.Version++;
    }
}

/// <summary>Picks up changes made by other host instances sharing the same database.</summary>
public sealed class DirectoryRefresher(CentreDirectory directory, IServiceScopeFactory scopes, ILogger<DirectoryRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
                var version = await db.ChangeStamps.AsNoTracking().Where(s => s.Name == ChangeStamps.Directory)
                    .Select(s => s.Version).FirstOrDefaultAsync(stoppingToken);
                if (version != directory.Version)
                    await directory.ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh the centre directory; will try again");
            }
        }
    }
}
