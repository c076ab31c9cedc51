using HappyCommunity.Modules.Repair.Features;

namespace HappyCommunity.Tests.Unit;

/// <summary>Repairs' category catalog: kept per centre, dropped on a change, never keeping a list read across a change.</summary>
public sealed class CategoryCatalogTests
{
    private long _now = 1_000;
    private int _loads;

    private static CatalogCategory Category(int id, string zh) => new(id, $"c{id}", zh, null, 4, 48, null, null, false, true);

    private Func<CancellationToken, Task<IReadOnlyList<CatalogCategory>>> Load(params CatalogCategory[] categories) => _ =>
    {
        _loads++;
        return Task.FromResult<IReadOnlyList<CatalogCategory>>(categories);
    };

    [Fact]
    public async Task A_centre_is_read_once_until_a_change_or_the_maximum_age()
    {
        var catalog = new CategoryCatalog(() => _now);
        Assert.Equal("水管", (await catalog.GetAsync(1, Load(Category(1, "水管")), default))[0].NameZh);
        Assert.Equal("水管", (await catalog.GetAsync(1, Load(Category(1, "改了")), default))[0].NameZh);
        Assert.Equal(1, _loads);

        catalog.Changed(1);
        Assert.Equal("改了", (await catalog.GetAsync(1, Load(Category(1, "改了")), default))[0].NameZh);
        Assert.Equal(2, _loads);

        // Another instance's change shows once the entry is older than the maximum age.
        _now += (long)CategoryCatalog.MaxAge.TotalMilliseconds - 1;
        Assert.Equal("改了", (await catalog.GetAsync(1, Load(Category(1, "别处改的")), default))[0].NameZh);
        _now += 1;
        Assert.Equal("别处改的", (await catalog.GetAsync(1, Load(Category(1, "别处改的")), default))[0].NameZh);
        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task Centres_are_kept_apart()
    {
        var catalog = new CategoryCatalog(() => _now);
        await catalog.GetAsync(1, Load(Category(1, "甲")), default);
        await catalog.GetAsync(2, Load(Category(2, "乙")), default);
        catalog.Changed(2);
        Assert.Equal("甲", (await catalog.GetAsync(1, Load(Category(1, "x")), default))[0].NameZh);
        Assert.Equal("y", (await catalog.GetAsync(2, Load(Category(2, "y")), default))[0].NameZh);
    }

    [Fact]
    public async Task A_list_read_while_a_change_was_saved_is_answered_but_not_kept()
    {
        var catalog = new CategoryCatalog(() => _now);
        var stale = await catalog.GetAsync(1, _ =>
        {
            catalog.Changed(1); // a save lands while the old list is being read
            return Task.FromResult<IReadOnlyList<CatalogCategory>>([Category(1, "旧")]);
        }, default);
        Assert.Equal("旧", stale[0].NameZh);
        Assert.Equal("新", (await catalog.GetAsync(1, Load(Category(1, "新")), default))[0].NameZh);
    }

    [Fact]
    public void The_answer_leaves_out_inactive_categories_unless_asked()
    {
        IReadOnlyList<CatalogCategory> all = [Category(1, "甲"), Category(2, "乙") with { Active = false }];
        Assert.Single(CategoryCatalog.Dtos(all, includeInactive: false));
        Assert.Equal(2, CategoryCatalog.Dtos(all, includeInactive: true).Count);
    }
}
