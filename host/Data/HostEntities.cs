using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Identity;

namespace HappyCommunity.Host.Data;

/// <summary>A user account: resident, volunteer, staff or admin.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A town or sub-district (街镇) of the district.</summary>
public sealed class Town
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
}

/// <summary>A community centre: the tenant.</summary>
public sealed class Centre
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public int TownId { get; set; }
    public Town Town { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Whether a module is switched on for a centre. No row means off.</summary>
public sealed class CentreModule
{
    public int CentreId { get; set; }
    public string ModuleId { get; set; } = "";
    public bool Enabled { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}

/// <summary>A role a user holds: in one centre, in one town (town-admin), or district-wide (district-admin).</summary>
public sealed class RoleAssignment
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string Role { get; set; } = "";
    public int? CentreId { get; set; }
    public int? TownId { get; set; }
}

/// <summary>One change made by someone: who, when, what, before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? ActorId { get; set; }
    public string? ActorName { get; set; }
    public ServiceChannel Channel { get; set; }
    public string Action { get; set; } = "";
    public int? CentreId { get; set; }
    public string Target { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>A person a centre serves; not the same as a user account.</summary>
public sealed class Resident : ICentreOwned, IAudited
{
    public Guid Id { get; set; }
    public int CentreId { get; set; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public string? Building { get; set; }
    public string? Unit { get; set; }
    public string? Room { get; set; }
    public string? Grid { get; set; }
    public string Tags { get; set; } = "";
    public string? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public ServiceChannel CreatedVia { get; set; }

    public IReadOnlyList<string> TagList => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A message in a user's in-app inbox.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public int? CentreId { get; set; }
    public string TitleZh { get; set; } = "";
    public string? TitleEn { get; set; }
    public string BodyZh { get; set; } = "";
    public string? BodyEn { get; set; }
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A centre's value for a module setting.</summary>
public sealed class ModuleSettingValue
{
    public int CentreId { get; set; }
    public string ModuleId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>A centre's change to a role's default for one permission: granted or taken away.</summary>
public sealed class PermissionGrant
{
    public int CentreId { get; set; }
    public string Role { get; set; } = "";
    public string Permission { get; set; } = "";
    public bool Granted { get; set; }
}

/// <summary>A counter bumped on every change another host instance must pick up (module switches, centres).</summary>
public sealed class ChangeStamp
{
    public string Name { get; set; } = "";
    public long Version { get; set; }
}

/// <summary>How delivering one event to one handler went, kept when it did not go through at the first attempt.</summary>
public sealed class EventDelivery
{
    public long Id { get; set; }
    public Guid EventId { get; set; }
    public string EventType { get; set; } = "";
    public string SourceModule { get; set; } = "";
    public int CentreId { get; set; }
    public string HandlerModule { get; set; } = "";
    public string Handler { get; set; } = "";
    public EventDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum EventDeliveryStatus
{
    /// <summary>Failed; will be tried again at <see cref="EventDelivery.NextAttemptAt"/>.</summary>
    Retrying,
    /// <summary>Failed too often; waits for an admin to retry it.</summary>
    Parked,
    /// <summary>Went through after earlier failures (or after an admin's retry).</summary>
    Delivered,
}
