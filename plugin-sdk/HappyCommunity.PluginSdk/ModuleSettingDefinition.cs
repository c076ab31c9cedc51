namespace HappyCommunity.PluginSdk;

/// <summary>The kinds of value a per-centre module setting can hold.</summary>
public enum SettingType
{
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A decimal number.</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>A per-centre setting a module declares; centre admins change it.</summary>
/// <param name="Key">The setting's key, unique within the module.</param>
/// <param name="Title">The label shown to admins.</param>
/// <param name="Type">The kind of value; the host validates values against it.</param>
/// <param name="DefaultValue">The value used until an admin sets one, in invariant culture.</param>
public sealed record ModuleSettingDefinition(string Key, LocalizedText Title, SettingType Type, string DefaultValue);
