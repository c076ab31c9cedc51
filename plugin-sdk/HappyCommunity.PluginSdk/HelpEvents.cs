namespace HappyCommunity.PluginSdk;

/// <summary>
/// A module asks the centre's volunteers for help with one job (a small repair for an elderly resident living alone,
/// say). The Volunteers module, where it is on, puts it on its "help needed" board; the asking module hears back through
/// <see cref="HelpTaskClaimed"/>, <see cref="HelpTaskCompleted"/> or <see cref="HelpTaskExpired"/>, matched by
/// <see cref="SourceModule"/> and <see cref="SourceRef"/>. Available since SDK 1.2.
/// </summary>
public sealed record HelpRequested : IntegrationEvent
{
    /// <summary>The asking module's id; answers carry it back, so each module listens only for its own.</summary>
    public required string SourceModule { get; init; }

    /// <summary>The asking module's own reference (a request id, say).</summary>
    public required string SourceRef { get; init; }

    /// <summary>A short headline for the board.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>What needs doing.</summary>
    public string Details { get; init; } = "";

    /// <summary>Where, as volunteers on the board may see it (a building, not a flat).</summary>
    public string? Place { get; init; }

    /// <summary>The full address and contact, shown only to the volunteer who claims the task.</summary>
    public string? PrivateDetails { get; init; }

    /// <summary>Skills that help (tokens of the centre's skill list, e.g. <c>repair</c>).</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>How long the job should take, credited as volunteer hours when done.</summary>
    public double EstimatedHours { get; init; } = 1;

    /// <summary>When an unclaimed task expires; the asking module then falls back to its own way.</summary>
    public required DateTimeOffset ClaimBy { get; init; }

    /// <summary>When a claimed task must be done by; a claimed task not done by then expires too.</summary>
    public required DateTimeOffset DoneBy { get; init; }

    /// <summary>A path in the web app to the source (a repair request page, say), for staff.</summary>
    public string? Link { get; init; }
}

/// <summary>The asking module no longer needs the help it asked for (the resident cancelled, say). Since SDK 1.2.</summary>
public sealed record HelpWithdrawn : IntegrationEvent
{
    /// <summary>The asking module's id.</summary>
    public required string SourceModule { get; init; }

    /// <summary>The asking module's own reference.</summary>
    public required string SourceRef { get; init; }
}

/// <summary>A volunteer took on a help task. Since SDK 1.2.</summary>
public sealed record HelpTaskClaimed : IntegrationEvent
{
    /// <summary>The asking module's id.</summary>
    public required string SourceModule { get; init; }

    /// <summary>The asking module's own reference.</summary>
    public required string SourceRef { get; init; }

    /// <summary>The volunteer's user id.</summary>
    public required string VolunteerUserId { get; init; }

    /// <summary>The volunteer's name, to tell the resident who is coming.</summary>
    public required string VolunteerName { get; init; }
}

/// <summary>A volunteer did the job. The asking module closes its side (resolves the repair, say). Since SDK 1.2.</summary>
public sealed record HelpTaskCompleted : IntegrationEvent
{
    /// <summary>The asking module's id.</summary>
    public required string SourceModule { get; init; }

    /// <summary>The asking module's own reference.</summary>
    public required string SourceRef { get; init; }

    /// <summary>The volunteer's user id.</summary>
    public required string VolunteerUserId { get; init; }

    /// <summary>The volunteer's name.</summary>
    public required string VolunteerName { get; init; }

    /// <summary>What the volunteer said they did.</summary>
    public string Note { get; init; } = "";

    /// <summary>The hours credited to the volunteer.</summary>
    public double Hours { get; init; }
}

/// <summary>Nobody claimed the task in time, or the volunteer who claimed it did not finish in time. Since SDK 1.2.</summary>
public sealed record HelpTaskExpired : IntegrationEvent
{
    /// <summary>The asking module's id.</summary>
    public required string SourceModule { get; init; }

    /// <summary>The asking module's own reference.</summary>
    public required string SourceRef { get; init; }

    /// <summary>Whether a volunteer had claimed it (and did not finish), or nobody claimed it.</summary>
    public bool WasClaimed { get; init; }
}
