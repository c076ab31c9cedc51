using HappyCommunity.Modules.Repair.Data;
using HappyCommunity.Modules.Repair.Features;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Tests.Repair;

/// <summary>Repairs' store on a real SQLite file, opened as one centre by nobody in particular, for tests below the API.</summary>
internal static class RepairStore
{
    public static RepairDbContext Open(string file, int centreId, TimeProvider? clock = null)
    {
        var who = new Caller(centreId);
        return new RepairDbContext(new DbContextOptionsBuilder<RepairDbContext>().UseSqlite($"Data Source={file}").Options, who, who, clock ?? TimeProvider.System);
    }

    /// <summary>The Repairs service over <paramref name="db"/>, for what needs only the store (dispatch ranking).</summary>
    public static RepairService Service(RepairDbContext db, int centreId)
    {
        var who = new Caller(centreId);
        return new RepairService(db, who, who, null!, null!, null!, null!, null!, null!, TimeProvider.System, null!);
    }

    private sealed class Caller(int centreId) : ICentreContext, ICurrentUser
    {
        public CentreInfo? Centre { get; } = new(centreId, $"c{centreId}", new($"中心{centreId}"), "town");
        public string? UserId => null;
        public string? DisplayName => null;
        public IReadOnlySet<string> Roles { get; } = new HashSet<string>();
        public ServiceChannel Channel => ServiceChannel.Self;
        public bool HasPermission(string permission) => false;
    }
}
