namespace HappyCommunity.PluginSdk;

/// <summary>A user who holds a role in the current centre.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="DisplayName">The name to show.</param>
/// <param name="Roles">The roles the user holds in this centre (not counting town or district roles).</param>
public sealed record CentreMember(string UserId, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>Lists the people who hold roles in the current centre, e.g. to build a team or a duty roster.</summary>
public interface ICentreMembers
{
    /// <summary>The members of the current centre, optionally only those holding <paramref name="role"/>, by name.</summary>
    /// <param name="role">A role token from <see cref="Roles"/>, or null for every member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<CentreMember>> ListAsync(string? role, CancellationToken cancellationToken);

    /// <summary>One member of the current centre, or null when the user holds no role here.</summary>
    /// <param name="userId">The user's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<CentreMember?> FindAsync(string userId, CancellationToken cancellationToken);
}
