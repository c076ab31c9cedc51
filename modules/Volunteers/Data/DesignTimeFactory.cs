#if EF_DESIGN
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HappyCommunity.Modules.Volunteers.Data;

/// <summary>Used only by <c>dotnet ef migrations add</c> (build with EfDesign=true).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VolunteersDbContext>
{
    public VolunteersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VolunteersDbContext>().UseSqlite("Data Source=design.db").Options,
            new NoCentre(), null, TimeProvider.System);

    private sealed class NoCentre : ICentreContext
    {
        public CentreInfo? Centre => null;
    }
}
#endif
