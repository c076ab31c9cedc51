using HappyCommunity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HappyCommunity.Tests.Volunteers;

/// <summary>
/// A host with Volunteers (and Notices and Repair) loaded from disk, plus the events probe, whose published help
/// requests give the tests real help tasks without depending on another module's rules.
/// </summary>
public sealed class VolunteersHost() : TestHost(new PluginFolder()
    .AddModule("notices")
    .AddModule("repair")
    .AddModule("volunteers")
    .AddTestPlugin("events-probe"));

[CollectionDefinition(Name)]
public sealed class VolunteersHostCollection : ICollectionFixture<VolunteersHost>
{
    public const string Name = "volunteers host";
}

/// <summary>A host whose clock the test moves: check-in windows open and close, shifts end, as time passes.</summary>
public sealed class MovedClockVolunteersHost : TestHost
{
    // Whole seconds: times stored at the store's precision compare equal to the times the test computes.
    public MovedClockVolunteersHost() : this(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds())))
    {
    }

    private MovedClockVolunteersHost(FakeTimeProvider clock)
        : base(new PluginFolder().AddModule("notices").AddModule("volunteers"), new Dictionary<string, string?> { ["Modules:volunteers:WatchSeconds"] = "1" },
            services: s => s.AddSingleton<TimeProvider>(clock)) => Clock = clock;

    public FakeTimeProvider Clock { get; }
}

[CollectionDefinition(Name)]
public sealed class MovedClockVolunteersHostCollection : ICollectionFixture<MovedClockVolunteersHost>
{
    public const string Name = "volunteers host with a moved clock";
}
