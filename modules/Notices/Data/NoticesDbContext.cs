using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Notices.Data;

public sealed class NoticesDbContext(
    DbContextOptions<NoticesDbContext> options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
    : CentreDbContext(options, centre, user, clock)
{
    public DbSet<Notice> Notices => Set<Notice>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Notice>(b =>
        {
            b.ToTable("notices");
            b.Property(n => n.Title).HasMaxLength(100).IsRequired();
            b.Property(n => n.Body).HasMaxLength(4000).IsRequired();
            b.HasIndex(n => new { n.CentreId, n.CreatedAt });
        });
        base.OnModelCreating(modelBuilder);
    }
}
