namespace HappyCommunity.PluginSdk;

/// <summary>Well-known resident tags that modules act on (SLA, help tasks, care).</summary>
public static class ResidentTags
{
    /// <summary>Aged 60 or over.</summary>
    public const string Elderly = "elderly";
    /// <summary>Lives alone.</summary>
    public const string LivesAlone = "lives-alone";
    /// <summary>Has a disability.</summary>
    public const string Disabled = "disabled";
    /// <summary>A migrant (non-registered) resident.</summary>
    public const string Migrant = "migrant";
}

/// <summary>A person a centre serves, as modules see them.</summary>
/// <param name="Id">The resident's id.</param>
/// <param name="CentreId">The centre that serves them.</param>
/// <param name="Name">Their name.</param>
/// <param name="Phone">Their phone number, if known.</param>
/// <param name="Building">Building (楼/号).</param>
/// <param name="Unit">Unit (单元).</param>
/// <param name="Room">Room (室).</param>
/// <param name="Grid">The grid (网格) they live in.</param>
/// <param name="Tags">Tags such as <see cref="ResidentTags.Elderly"/>.</param>
/// <param name="UserId">Their user account, if they have one.</param>
public sealed record ResidentInfo(
    Guid Id, int CentreId, string Name, string? Phone, string? Building, string? Unit, string? Room,
    string? Grid, IReadOnlyList<string> Tags, string? UserId)
{
    /// <summary>Whether the resident carries the tag.</summary>
    /// <param name="tag">A tag, e.g. <see cref="ResidentTags.Elderly"/>.</param>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Reads the current centre's resident register. Modules never read the host's tables directly.</summary>
public interface IResidentDirectory
{
    /// <summary>The resident with this id in the current centre, or null.</summary>
    /// <param name="residentId">The resident's id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<ResidentInfo?> FindAsync(Guid residentId, CancellationToken cancellationToken);

    /// <summary>The resident record linked to a user account in the current centre, or null.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<ResidentInfo?> FindByUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Residents of the current centre whose name, phone, building or grid contains the text.</summary>
    /// <param name="text">The text to look for; empty lists the first residents.</param>
    /// <param name="take">The most results to return (at most 100).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    Task<IReadOnlyList<ResidentInfo>> SearchAsync(string? text, int take, CancellationToken cancellationToken);
}
