using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HappyCommunity.Host.Data;

/// <summary>The host's own store: identity, towns, centres, module switches, roles, residents, inbox, audit.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Town> Towns => Set<Town>();
    public DbSet<Centre> Centres => Set<Centre>();
    public DbSet<CentreModule> CentreModules => Set<CentreModule>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ModuleSettingValue> ModuleSettingValues => Set<ModuleSettingValue>();
    public DbSet<ChangeStamp> ChangeStamps => Set<ChangeStamp>();
    public DbSet<PermissionGrant> PermissionGrants => Set<PermissionGrant>();
    public DbSet<EventDelivery> EventDeliveries => Set<EventDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or sort DateTimeOffset text; stored as sortable integers (all times are UTC).
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>(b => b.Property(u => u.DisplayName).HasMaxLength(100));
        builder.Entity<Town>(b =>
        {
            b.HasIndex(t => t.Slug).IsUnique();
            b.Property(t => t.Slug).HasMaxLength(40);
            b.Property(t => t.NameZh).HasMaxLength(50);
            b.Property(t => t.NameEn).HasMaxLength(100);
        });
        builder.Entity<Centre>(b =>
        {
            b.HasIndex(c => c.Slug).IsUnique();
            b.Property(c => c.Slug).HasMaxLength(40);
            b.Property(c => c.NameZh).HasMaxLength(50);
            b.Property(c => c.NameEn).HasMaxLength(100);
            b.HasOne(c => c.Town).WithMany().HasForeignKey(c => c.TownId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<CentreModule>(b =>
        {
            b.HasKey(m => new { m.CentreId, m.ModuleId });
            b.HasOne<Centre>().WithMany().HasForeignKey(m => m.CentreId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<RoleAssignment>(b =>
        {
            b.HasIndex(r => new { r.UserId, r.Role, r.CentreId, r.TownId }).IsUnique();
            b.HasIndex(r => new { r.CentreId, r.Role });
            b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Centre>().WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Town>().WithMany().HasForeignKey(r => r.TownId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuditEntry>(b =>
        {
            b.HasIndex(a => new { a.CentreId, a.At });
            b.HasIndex(a => a.At);
        });
        builder.Entity<Resident>(b =>
        {
            b.HasIndex(r => new { r.CentreId, r.Name });
            b.HasIndex(r => new { r.CentreId, r.UserId });
            b.Property(r => r.Name).HasMaxLength(50);
            b.Property(r => r.Phone).HasMaxLength(20);
            b.Property(r => r.Tags).HasMaxLength(200);
            b.HasOne<Centre>().WithMany().HasForeignKey(r => r.CentreId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Notification>(b => b.HasIndex(n => new { n.UserId, n.CreatedAt }));
        builder.Entity<ModuleSettingValue>(b => b.HasKey(s => new { s.CentreId, s.ModuleId, s.Key }));
        builder.Entity<ChangeStamp>(b => b.HasKey(s => s.Name));
        builder.Entity<PermissionGrant>(b =>
        {
            b.HasKey(g => new { g.CentreId, g.Role, g.Permission });
            b.HasOne<Centre>().WithMany().HasForeignKey(g => g.CentreId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<EventDelivery>(b =>
        {
            b.HasIndex(d => new { d.EventId, d.Handler }).IsUnique();
            b.HasIndex(d => new { d.Status, d.CentreId });
            b.Property(d => d.EventType).HasMaxLength(300);
            b.Property(d => d.Handler).HasMaxLength(300);
            b.Property(d => d.LastError).HasMaxLength(2000);
            b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        });
    }
}
