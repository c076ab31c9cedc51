namespace HappyCommunity.PluginSdk;

/// <summary>A convenient base for centre-owned, audited entities with an integer key.</summary>
public abstract class CentreEntity : ICentreOwned, IAudited
{
    /// <summary>The row's id.</summary>
    public int Id { get; set; }

    /// <inheritdoc />
    public int CentreId { get; set; }

    /// <inheritdoc />
    public DateTimeOffset CreatedAt { get; set; }

    /// <inheritdoc />
    public string? CreatedBy { get; set; }

    /// <inheritdoc />
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <inheritdoc />
    public string? UpdatedBy { get; set; }

    /// <inheritdoc />
    public ServiceChannel CreatedVia { get; set; }
}
