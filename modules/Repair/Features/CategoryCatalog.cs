using System.Collections.Concurrent;
using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Repair.Features;

/// <summary>One category as the catalog keeps it: both names, so each request is answered in its own language.</summary>
public sealed record CatalogCategory(
    int Id, string Code, string NameZh, string? NameEn, int ResponseHours, int ResolutionHours, int? TeamId, string? TeamName,
    bool VolunteerEligible, bool Active)
{
    public LocalizedText Name => new(NameZh, NameEn);

    public CategoryDto ToDto() =>
        new(Id, Code, Name.Current, NameZh, NameEn, ResponseHours, ResolutionHours, TeamId, TeamName, VolunteerEligible, Active);
}

/// <summary>
/// Each centre's categories (with their teams' names), read by every report form, request list and request page, kept in
/// memory instead of asked of the store each time. A change made through Repairs' store in this process is seen at once
/// (the store tells the catalog as it saves a category or a team); one made by another host instance on the same
/// store within <see cref="MaxAge"/>, as the centre directory reloads from its change stamp. A load that overlaps a
/// change is not kept, so a list read before a change can never stand for the list after it.
/// </summary>
public sealed class CategoryCatalog
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private sealed record Entry(IReadOnlyList<CatalogCategory> Categories, long LoadedAt, long Version);

    private readonly ConcurrentDictionary<int, Entry> _entries = new();
    private readonly ConcurrentDictionary<int, long> _versions = new();
    private readonly Func<long> _milliseconds;

    public CategoryCatalog() : this(() => Environment.TickCount64) { }

    /// <param name="milliseconds">A monotonic clock in milliseconds (tests move it; the wall clock could go back).</param>
    public CategoryCatalog(Func<long> milliseconds) => _milliseconds = milliseconds;

    /// <summary>The centre's categories in display order, inactive ones included; <paramref name="load"/> on a miss.</summary>
    public async ValueTask<IReadOnlyList<CatalogCategory>> GetAsync(int centreId, Func<CancellationToken, Task<IReadOnlyList<CatalogCategory>>> load, CancellationToken ct)
    {
        var version = _versions.GetValueOrDefault(centreId);
        if (_entries.TryGetValue(centreId, out var entry) && entry.Version == version
            && _milliseconds() - entry.LoadedAt < (long)MaxAge.TotalMilliseconds)
            return entry.Categories;
        var started = _milliseconds();
        var categories = await load(ct);
        // Kept only if nothing changed while it was read; otherwise the next reader loads again.
        if (_versions.GetValueOrDefault(centreId) == version)
            _entries[centreId] = new Entry(categories, started, version);
        return categories;
    }

    /// <summary>As the API answers: in display order, inactive ones only when asked for, names in the request's language.</summary>
    public static IReadOnlyList<CategoryDto> Dtos(IReadOnlyList<CatalogCategory> categories, bool includeInactive)
    {
        var list = new List<CategoryDto>(categories.Count);
        foreach (var c in categories)
            if (includeInactive || c.Active) list.Add(c.ToDto());
        return list;
    }

    /// <summary>Called by Repairs' store when it has saved a category or a team of the centre.</summary>
    public void Changed(int centreId)
    {
        _versions.AddOrUpdate(centreId, 1, (_, v) => v + 1);
        _entries.TryRemove(centreId, out _);
    }
}
