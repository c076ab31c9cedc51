using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace PluginName.Data;

/// <summary>One entity: centre-owned and audited by the SDK's base classes.</summary>
public sealed class Item : CentreEntity
{
    public string Title { get; set; } = "";
}

public sealed class PluginNameDbContext(DbContextOptions<PluginNameDbContext> options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
    : CentreDbContext(options, centre, user, clock)
{
    public DbSet<Item> Items => Set<Item>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Item>(b =>
        {
            b.ToTable("items");
            b.Property(i => i.Title).HasMaxLength(100);
        });
        base.OnModelCreating(modelBuilder);
    }
}

//-:cnd:noEmit
#if EF_DESIGN
internal sealed class DesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PluginNameDbContext>
{
    public PluginNameDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PluginNameDbContext>().UseSqlite("Data Source=design.db").Options, new NoCentre(), null, TimeProvider.System);

    private sealed class NoCentre : ICentreContext
    {
        public CentreInfo? Centre => null;
    }
}
#endif
//+:cnd:noEmit
