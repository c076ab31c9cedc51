using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HappyCommunity.Host.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> create the context without starting the host.</summary>
internal sealed class HostDbContextDesignTimeFactory : IDesignTimeDbContextFactory<HostDbContext>
{
    public HostDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HostDbContext>().UseSqlite("Data Source=design.db").Options);
}
