namespace HappyCommunity.PluginSdk;

/// <summary>How staff reached a resident when acting on their behalf.</summary>
public enum ServiceChannel
{
    /// <summary>The resident acted themselves, online.</summary>
    Self,
    /// <summary>At the centre's service counter.</summary>
    Counter,
    /// <summary>Over the telephone.</summary>
    Phone,
    /// <summary>During a home visit.</summary>
    HomeVisit,
}

/// <summary>The signed-in user of the current request, as seen in the current centre.</summary>
public interface ICurrentUser
{
    /// <summary>The user's id, or null when nobody is signed in (or in a background job).</summary>
    string? UserId { get; }

    /// <summary>The user's display name.</summary>
    string? DisplayName { get; }

    /// <summary>The roles the user holds in the current centre, including town and district admin where they apply.</summary>
    IReadOnlySet<string> Roles { get; }

    /// <summary>The channel of the current action: <see cref="ServiceChannel.Self"/> unless staff said otherwise.</summary>
    ServiceChannel Channel { get; }

    /// <summary>Whether the user holds the permission in the current centre.</summary>
    /// <param name="permission">The permission name.</param>
    bool HasPermission(string permission);
}
