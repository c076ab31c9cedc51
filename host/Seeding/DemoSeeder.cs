using System.Security.Cryptography;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Seeding;

/// <summary>
/// On an empty data folder, creates the district admin <c>admin</c> (password from <c>Seed:AdminPassword</c>, else
/// generated and printed once) and, unless <c>Seed:Demo</c> is false, the demo district: 11 towns, 45 centres with
/// modules switched on differently, and a few residents at Xintangpu.
/// </summary>
public sealed class DemoSeeder(HostDbContext db, UserManager<AppUser> users, PluginCatalog catalog, IConfiguration configuration, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>Makes sure the district has an admin: on a new data folder, <c>admin</c> with the configured or a generated password.</summary>
    public async Task EnsureAdminAsync(CancellationToken ct)
    {
        if (await db.RoleAssignments.AnyAsync(r => r.Role == Roles.DistrictAdmin, ct)) return;

        var password = configuration["Seed:AdminPassword"];
        var generated = string.IsNullOrWhiteSpace(password);
        if (generated)
            password = "Hc-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "1";

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var admin = await users.FindByNameAsync("admin");
        if (admin is null)
        {
            admin = new AppUser { UserName = "admin", DisplayName = "区管理员 District admin", CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(admin, password!);
            if (!created.Succeeded)
                throw new InvalidOperationException("Seed:AdminPassword is not accepted: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        db.RoleAssignments.Add(new RoleAssignment { UserId = admin.Id, Role = Roles.DistrictAdmin });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (generated)
            Console.WriteLine($"""

                ==================================================================
                 HappyCommunity district admin:  admin / {password}
                 This password is shown once. Set Seed:AdminPassword to choose it.
                ==================================================================

                """);
    }

    /// <summary>Seeds the demo district in one transaction, when the data folder has no towns yet.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Towns.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var centres = new List<Centre>();
        foreach (var townSeed in QingpuDistrict.Towns)
        {
            var town = new Town { Slug = townSeed.Slug, NameZh = townSeed.NameZh, NameEn = townSeed.NameEn };
            db.Towns.Add(town);
            foreach (var c in townSeed.Centres)
                centres.Add(new Centre { Slug = c.Slug, NameZh = c.NameZh, NameEn = c.NameEn, Town = town, CreatedAt = now });
        }
        db.Centres.AddRange(centres);
        await db.SaveChangesAsync(ct);

        // Modules differ per centre: Xintangpu has everything, the others a deterministic mix (dependencies respected).
        var modules = catalog.Running.ToList();
        for (var i = 0; i < centres.Count; i++)
        {
            var on = new HashSet<string>();
            foreach (var module in modules)
            {
                var wanted = centres[i].Slug == "xintangpu" || (i + module.Id.Length) % 3 != 0;
                if (wanted && module.Manifest!.DependsOn.Keys.All(on.Contains))
                    on.Add(module.Id);
            }
            foreach (var id in on)
                db.CentreModules.Add(new CentreModule { CentreId = centres[i].Id, ModuleId = id, Enabled = true, ChangedAt = now });
        }

        var xintangpu = centres.Single(c => c.Slug == "xintangpu");
        db.Residents.AddRange(
            Resident(xintangpu, "王秀英", "13800000001", "12", "1", "301", "第一网格", "elderly,lives-alone"),
            Resident(xintangpu, "李建国", "13800000002", "12", "2", "502", "第一网格", "elderly"),
            Resident(xintangpu, "张伟", "13800000003", "8", "1", "101", "第二网格", "disabled"),
            Resident(xintangpu, "陈静", "13800000004", "5", "3", "1202", "第三网格", "migrant"));
        db.ChangeStamps.Add(new ChangeStamp { Name = ChangeStamps.Directory, Version = 1 });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Seeded the demo district: {Towns} towns, {Centres} centres", QingpuDistrict.Towns.Count, centres.Count);
    }

    private static Resident Resident(Centre centre, string name, string phone, string building, string unit, string room, string grid, string tags) =>
        new()
        {
            Id = Guid.CreateVersion7(), CentreId = centre.Id, Name = name, Phone = phone, Building = building, Unit = unit, Room = room,
            Grid = grid, Tags = tags, CreatedAt = centre.CreatedAt, CreatedVia = ServiceChannel.Counter,
        };
}
