using System.Text.Json;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;

namespace HappyCommunity.Host.Audit;

/// <summary>Adds audit entries to the unit of work of the change they describe, so both commit together.</summary>
public sealed class AuditLog(HostDbContext db, CurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Record(string action, int? centreId, string target, object? before, object? after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = user.UserId,
            ActorName = user.UserName,
            Channel = user.Channel,
            Action = action,
            CentreId = centreId,
            Target = target,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
}
