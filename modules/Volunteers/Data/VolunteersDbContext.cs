using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Volunteers.Data;

public sealed class VolunteersDbContext(
    DbContextOptions<VolunteersDbContext> options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
    : CentreDbContext(options, centre, user, clock)
{
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<Volunteer> Volunteers => Set<Volunteer>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Signup> Signups => Set<Signup>();
    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();
    public DbSet<Reward> Rewards => Set<Reward>();
    public DbSet<Redemption> Redemptions => Set<Redemption>();
    public DbSet<HelpTask> HelpTasks => Set<HelpTask>();
    public DbSet<CentreSetup> Setups => Set<CentreSetup>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Skill>(b =>
        {
            b.ToTable("skills");
            b.Property(s => s.Code).HasMaxLength(40);
            b.Property(s => s.NameZh).HasMaxLength(40);
            b.Property(s => s.NameEn).HasMaxLength(60);
            b.HasIndex(s => new { s.CentreId, s.Code }).IsUnique();
        });
        modelBuilder.Entity<Volunteer>(b =>
        {
            b.ToTable("volunteers");
            b.Property(v => v.DisplayName).HasMaxLength(100);
            b.Property(v => v.Phone).HasMaxLength(30);
            b.Property(v => v.Skills).HasMaxLength(400);
            b.Property(v => v.Availability).HasMaxLength(200);
            b.HasIndex(v => new { v.CentreId, v.UserId }).IsUnique();
            b.HasIndex(v => new { v.CentreId, v.Status });
        });
        modelBuilder.Entity<Activity>(b =>
        {
            b.ToTable("activities", t => t.HasCheckConstraint("CK_activities_capacity", "\"Confirmed\" >= 0 AND \"Confirmed\" <= \"Capacity\""));
            b.Property(a => a.Title).HasMaxLength(100);
            b.Property(a => a.Description).HasMaxLength(2000);
            b.Property(a => a.Place).HasMaxLength(100);
            b.Property(a => a.Skills).HasMaxLength(400);
            b.Property(a => a.CheckInCode).HasMaxLength(8);
            b.HasIndex(a => new { a.CentreId, a.StartAt });
        });
        modelBuilder.Entity<Signup>(b =>
        {
            b.ToTable("signups");
            b.HasIndex(s => new { s.ActivityId, s.VolunteerId }).IsUnique();
            b.HasIndex(s => new { s.CentreId, s.UserId });
            b.HasOne<Activity>().WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Volunteer>().WithMany().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<LedgerEntry>(b =>
        {
            b.ToTable("ledger");
            b.Property(l => l.Reason).HasMaxLength(300);
            b.HasIndex(l => new { l.CentreId, l.VolunteerId });
            b.HasIndex(l => new { l.CentreId, l.Month });
            b.HasIndex(l => l.ReversesId).IsUnique();
            b.HasOne<Volunteer>().WithMany().HasForeignKey(l => l.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Reward>(b =>
        {
            b.ToTable("rewards", t => t.HasCheckConstraint("CK_rewards_stock", "\"Stock\" >= 0 AND \"PointCost\" > 0"));
            b.Property(r => r.Name).HasMaxLength(60);
            b.Property(r => r.Description).HasMaxLength(400);
        });
        modelBuilder.Entity<Redemption>(b =>
        {
            b.ToTable("redemptions");
            b.HasIndex(r => new { r.CentreId, r.Status });
            b.HasOne<Reward>().WithMany().HasForeignKey(r => r.RewardId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Volunteer>().WithMany().HasForeignKey(r => r.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<HelpTask>(b =>
        {
            b.ToTable("help_tasks");
            b.Property(h => h.SourceModule).HasMaxLength(60);
            b.Property(h => h.SourceRef).HasMaxLength(100);
            b.Property(h => h.TitleZh).HasMaxLength(200);
            b.Property(h => h.TitleEn).HasMaxLength(200);
            b.Property(h => h.Details).HasMaxLength(2000);
            b.Property(h => h.Place).HasMaxLength(200);
            b.Property(h => h.PrivateDetails).HasMaxLength(500);
            b.Property(h => h.Skills).HasMaxLength(400);
            b.Property(h => h.Note).HasMaxLength(1000);
            b.Property(h => h.Version).IsConcurrencyToken();
            b.HasIndex(h => h.EventId).IsUnique();
            b.HasIndex(h => new { h.CentreId, h.Status });
            b.HasIndex(h => new { h.SourceModule, h.SourceRef });
        });
        modelBuilder.Entity<CentreSetup>(b =>
        {
            b.ToTable("setup");
            b.HasIndex(s => s.CentreId).IsUnique();
        });
        base.OnModelCreating(modelBuilder);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The ledger is append-only: a line once written is never changed or removed.
        foreach (var entry in ChangeTracker.Entries<LedgerEntry>())
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("Ledger lines are never changed or deleted; add a reversal or an adjustment instead.");
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
