using HappyCommunity.PluginSdk;
using Microsoft.EntityFrameworkCore;

namespace Housekeeping.Data;

public enum ServiceKind { Cleaning, ElderCareAide }

public enum BookingStatus { Requested, Confirmed, Declined, Completed, Cancelled }

/// <summary>A partner organisation (幸福合伙人) offering home services at the centre.</summary>
public sealed class Provider : CentreEntity
{
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public ServiceKind Kind { get; set; }
    public bool Active { get; set; } = true;
}

public sealed class Booking : CentreEntity
{
    public int ProviderId { get; set; }
    public Provider Provider { get; set; } = null!;
    public string ResidentUserId { get; set; } = "";
    public string ResidentName { get; set; } = "";
    public DateTimeOffset VisitAt { get; set; }
    public string Address { get; set; } = "";
    public string? Note { get; set; }
    public BookingStatus Status { get; set; }
    public string? DeclineReason { get; set; }
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }

    /// <summary>Bumped on every change: two people acting on the same booking at once cannot both win.</summary>
    public int Revision { get; set; }
}

public sealed class HousekeepingDbContext(
    DbContextOptions<HousekeepingDbContext> options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
    : CentreDbContext(options, centre, user, clock)
{
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Booking> Bookings => Set<Booking>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Provider>(b =>
        {
            b.ToTable("providers");
            b.Property(p => p.Name).HasMaxLength(100);
            b.Property(p => p.Phone).HasMaxLength(20);
        });
        modelBuilder.Entity<Booking>(b =>
        {
            b.ToTable("bookings");
            b.Property(x => x.Address).HasMaxLength(200);
            b.Property(x => x.Note).HasMaxLength(500);
            b.Property(x => x.RatingComment).HasMaxLength(500);
            b.HasOne(x => x.Provider).WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(x => new { x.CentreId, x.ResidentUserId });
            b.Property(x => x.Revision).IsConcurrencyToken();
        });
        base.OnModelCreating(modelBuilder);
    }
}

#if EF_DESIGN
internal sealed class DesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<HousekeepingDbContext>
{
    public HousekeepingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HousekeepingDbContext>().UseSqlite("Data Source=design.db").Options, new NoCentre(), null, TimeProvider.System);

    private sealed class NoCentre : ICentreContext
    {
        public CentreInfo? Centre => null;
    }
}
#endif
