#if EF_DESIGN
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HappyCommunity.Modules.Repair.Data;

/// <summary>Used only by <c>dotnet ef migrations add</c> (build with EfDesign=true).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<RepairDbContext>
{
    public RepairDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<RepairDbContext>().UseSqlite("Data Source=design.db").Options,
            new NoCentre(), null, TimeProvider.System);

    private sealed class NoCentre : ICentreContext
    {
        public CentreInfo? Centre => null;
    }
}
#endif
