namespace HappyCommunity.PluginSdk;

/// <summary>A community centre: the tenant whose data a request works on.</summary>
/// <param name="Id">The centre's numeric id, stored in every row the centre owns.</param>
/// <param name="Slug">The centre's URL name, e.g. <c>xintangpu</c>.</param>
/// <param name="Name">The centre's display name.</param>
/// <param name="TownSlug">The slug of the town the centre belongs to.</param>
public sealed record CentreInfo(int Id, string Slug, LocalizedText Name, string TownSlug);

/// <summary>The centre the current request or job works for. Scoped: one per request or job scope.</summary>
public interface ICentreContext
{
    /// <summary>The current centre, or null outside a centre (district pages, startup).</summary>
    CentreInfo? Centre { get; }

    /// <summary>The current centre; throws when there is none.</summary>
    CentreInfo RequiredCentre => Centre ?? throw new InvalidOperationException("This operation needs a centre, and none is set for the current scope.");
}

/// <summary>Creates service scopes bound to a centre, for background jobs and event handlers.</summary>
public interface ICentreScopeFactory
{
    /// <summary>Creates a scope whose <see cref="ICentreContext"/> is <paramref name="centre"/>.</summary>
    /// <param name="centre">The centre to work for.</param>
    Microsoft.Extensions.DependencyInjection.AsyncServiceScope CreateScope(CentreInfo centre);

    /// <summary>The centres where the module is switched on now; background jobs skip every other centre.</summary>
    /// <param name="moduleId">The module's id.</param>
    IReadOnlyList<CentreInfo> CentresWithModule(string moduleId);
}
