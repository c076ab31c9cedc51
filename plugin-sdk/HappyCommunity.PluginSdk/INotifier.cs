namespace HappyCommunity.PluginSdk;

/// <summary>A message for a user's in-app inbox.</summary>
/// <param name="Title">The headline.</param>
/// <param name="Body">The text.</param>
/// <param name="Link">A path in the web app to open, e.g. <c>/c/xintangpu/repair/requests/42</c>.</param>
public sealed record NotificationMessage(LocalizedText Title, LocalizedText Body, string? Link = null);

/// <summary>Sends in-app notifications; the host keeps each user's inbox.</summary>
public interface INotifier
{
    /// <summary>Puts the message in the user's inbox, in the current centre.</summary>
    /// <param name="userId">The recipient's user id.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task NotifyAsync(string userId, NotificationMessage message, CancellationToken cancellationToken);

    /// <summary>Puts the message in the inbox of every user holding the role in the current centre.</summary>
    /// <param name="role">A role token from <see cref="Roles"/>.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task NotifyRoleAsync(string role, NotificationMessage message, CancellationToken cancellationToken);
}
