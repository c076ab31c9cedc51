using HappyCommunity.Modules.Repair.Features;
using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Modules.Repair.Data;

public sealed class RepairDbContext : CentreDbContext
{
    private readonly HashSet<int> _catalogChanges = [];

    /// <param name="catalog">The module's category catalog, told when a category or team is saved (none at design time).</param>
    public RepairDbContext(DbContextOptions<RepairDbContext> options, ICentreContext centre, ICurrentUser? user, TimeProvider clock, CategoryCatalog? catalog = null)
        : base(options, centre, user, clock)
    {
        Catalog = catalog;
        if (catalog is null) return;
        SavingChanges += (_, _) =>
        {
            foreach (var e in ChangeTracker.Entries())
                if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Category or Team)
                    _catalogChanges.Add(((ICentreOwned)e.Entity).CentreId);
        };
        SavedChanges += (_, _) => TellCatalog();
        SaveChangesFailed += (_, _) => TellCatalog(); // some rows may have been written before the failure
    }

    /// <summary>The module's category catalog, if this context was made by the host.</summary>
    public CategoryCatalog? Catalog { get; }

    private void TellCatalog()
    {
        foreach (var centreId in _catalogChanges) Catalog!.Changed(centreId);
        _catalogChanges.Clear();
    }

    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<DutySlot> DutySlots => Set<DutySlot>();
    public DbSet<RepairRequest> Requests => Set<RepairRequest>();
    public DbSet<RequestPhoto> Photos => Set<RequestPhoto>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Follower> Followers => Set<Follower>();
    public DbSet<Open311Client> Open311Clients => Set<Open311Client>();
    public DbSet<CentreSetup> Setups => Set<CentreSetup>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Category>(b =>
        {
            b.ToTable("categories");
            b.Property(c => c.Code).HasMaxLength(40).IsRequired();
            b.Property(c => c.NameZh).HasMaxLength(40).IsRequired();
            b.Property(c => c.NameEn).HasMaxLength(60);
            b.HasIndex(c => new { c.CentreId, c.Code }).IsUnique();
            b.Ignore(c => c.Name);
        });
        modelBuilder.Entity<Team>(b =>
        {
            b.ToTable("teams");
            b.Property(t => t.Name).HasMaxLength(40).IsRequired();
            b.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TeamMember>(b =>
        {
            b.ToTable("team_members");
            b.HasIndex(m => new { m.TeamId, m.UserId }).IsUnique();
            b.HasIndex(m => new { m.CentreId, m.TeamId, m.UserId }); // covering, for counting who is on duty
        });
        modelBuilder.Entity<StaffMember>(b =>
        {
            b.ToTable("staff");
            b.Property(s => s.DisplayName).HasMaxLength(100);
            b.HasIndex(s => new { s.CentreId, s.UserId }).IsUnique();
            // Dispatch walks the staff in its order (fewest open jobs, longest idle, id) and stops at the second on duty.
            b.HasIndex(s => new { s.CentreId, s.OpenLoad, s.LastAssignedAt, s.UserId }).HasDatabaseName("IX_staff_dispatch_order");
        });
        modelBuilder.Entity<DutySlot>(b =>
        {
            b.ToTable("duty_slots");
            // Covering: whether someone is on duty now is read from the index alone.
            b.HasIndex(d => new { d.CentreId, d.UserId, d.Day, d.StartMinute, d.EndMinute });
            b.HasIndex(d => new { d.CentreId, d.Day, d.StartMinute, d.EndMinute, d.UserId }); // who is on duty today
        });
        modelBuilder.Entity<RepairRequest>(b =>
        {
            b.ToTable("requests");
            b.Property(r => r.Description).HasMaxLength(2000).IsRequired();
            b.Property(r => r.Building).HasMaxLength(40);
            b.Property(r => r.Unit).HasMaxLength(20);
            b.Property(r => r.Room).HasMaxLength(20);
            b.Property(r => r.LocationText).HasMaxLength(200);
            b.Property(r => r.VolunteerName).HasMaxLength(100);
            // Open requests by status (boards, the watch, figures); its first two columns serve (CentreId, Status) alone.
            b.HasIndex(r => new { r.CentreId, r.Status, r.HelpFallbackAt });
            b.Property(r => r.ContactName).HasMaxLength(100);
            b.Property(r => r.ContactPhone).HasMaxLength(30);
            b.Property(r => r.RatingComment).HasMaxLength(500);
            b.Property(r => r.Version).IsConcurrencyToken();
            b.Ignore(r => r.DispatchReason);
            b.HasMany(r => r.Photos).WithOne().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(r => r.Timeline).WithOne().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(r => new { r.CentreId, r.AssigneeId, r.Status });
            b.HasIndex(r => new { r.CentreId, r.ReporterUserId });
            b.Property(r => r.BuildingKey).HasMaxLength(40);
            b.HasIndex(r => new { r.CentreId, r.CategoryId, r.BuildingKey, r.CreatedAt });
            // The dashboard's 90 days (RepairFigures): a range per centre, read from the index alone, never the rows.
            b.HasIndex(r => new { r.CentreId, r.CreatedAt, r.AcceptedAt, r.ResolvedAt, r.ResponseDueAt, r.ResolutionDueAt, r.Rating })
                .HasDatabaseName("IX_requests_figures");
        });
        modelBuilder.Entity<RequestPhoto>(b => b.ToTable("request_photos"));
        modelBuilder.Entity<TimelineEntry>(b =>
        {
            b.ToTable("timeline");
            b.Property(t => t.Kind).HasMaxLength(30);
            b.Property(t => t.TextZh).HasMaxLength(2000);
            b.Property(t => t.TextEn).HasMaxLength(2000);
            b.HasIndex(t => new { t.RequestId, t.At });
        });
        modelBuilder.Entity<Follower>(b =>
        {
            b.ToTable("followers");
            b.HasIndex(f => new { f.RequestId, f.UserId }).IsUnique();
        });
        modelBuilder.Entity<Open311Client>(b =>
        {
            b.ToTable("open311_clients");
            b.Property(c => c.Name).HasMaxLength(100);
            b.HasIndex(c => c.KeyHash).IsUnique();
        });
        modelBuilder.Entity<CentreSetup>(b =>
        {
            b.ToTable("centre_setup");
            b.HasIndex(s => s.CentreId).IsUnique();
        });
        base.OnModelCreating(modelBuilder);
    }
}
