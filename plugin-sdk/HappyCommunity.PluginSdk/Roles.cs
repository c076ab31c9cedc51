namespace HappyCommunity.PluginSdk;

/// <summary>The role tokens used in the API, in role assignments and in permission defaults.</summary>
public static class Roles
{
    /// <summary>A resident served by a centre.</summary>
    public const string Resident = "resident";

    /// <summary>A volunteer of a centre.</summary>
    public const string Volunteer = "volunteer";

    /// <summary>A member of a centre's staff (social worker, counter staff).</summary>
    public const string Staff = "staff";

    /// <summary>Property staff who handle repairs for a centre.</summary>
    public const string PropertyStaff = "property-staff";

    /// <summary>The administrator of one centre: chooses its modules and settings, manages its users.</summary>
    public const string CentreAdmin = "centre-admin";

    /// <summary>The administrator of a town: acts as centre admin in every centre of the town.</summary>
    public const string TownAdmin = "town-admin";

    /// <summary>The administrator of the district: acts everywhere.</summary>
    public const string DistrictAdmin = "district-admin";

    /// <summary>The roles held within one centre.</summary>
    public static IReadOnlyList<string> CentreRoles { get; } = [Resident, Volunteer, Staff, PropertyStaff, CentreAdmin];

    /// <summary>Every role token.</summary>
    public static IReadOnlyList<string> All { get; } = [Resident, Volunteer, Staff, PropertyStaff, CentreAdmin, TownAdmin, DistrictAdmin];

    /// <summary>Whether the role administers a centre (centre, town or district admin).</summary>
    /// <param name="role">A role token.</param>
    public static bool IsAdmin(string role) => role is CentreAdmin or TownAdmin or DistrictAdmin;
}
