namespace HappyCommunity.PluginSdk;

/// <summary>An entry a module adds to a centre's navigation.</summary>
/// <param name="Title">The entry's text.</param>
/// <param name="Path">The page path relative to the centre, e.g. <c>notices</c> for <c>/c/{centre}/notices</c>.</param>
/// <param name="Permission">The permission needed to see the entry, or null for every member of the centre.</param>
/// <param name="Order">Where the entry sorts; smaller comes first.</param>
/// <param name="Icon">A short emoji or symbol shown beside the entry.</param>
public sealed record NavigationItem(LocalizedText Title, string Path, string? Permission = null, int Order = 100, string? Icon = null);
