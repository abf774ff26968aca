using System.Text.Json.Serialization;

namespace Tongguan.Cases.ReferenceData;

/// <summary>
/// The four command levels (市 / 区县 / 街道乡镇 / 社区) and functional departments, which hang under the City or a
/// District. Declared from the top down so that a lower level compares greater.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrgLevel>))]
public enum OrgLevel
{
    City,
    District,
    Street,
    Community,
    Department,
}

/// <summary>
/// One unit of the org tree. <see cref="ParentId"/> is null only for the City; <see cref="DepartmentType"/> is set
/// only for departments.
/// </summary>
public sealed record OrgUnit(string Id, OrgLevel Level, string? ParentId, LocalizedName Names, string? DepartmentType);

/// <summary>A kind of functional department (城管 chengguan, 住建 zhujian …) that categories are the duty of.</summary>
public sealed record DepartmentType(string Code, LocalizedName Names);

/// <summary>A person who signs in, with the roles they hold in their one org unit.</summary>
public sealed record User(string Id, string Name, IReadOnlyList<string> Roles, string OrgUnitId);

/// <summary>The roles users hold; with an org unit they form candidate groups (<see cref="CandidateGroup"/>).</summary>
public static class Roles
{
    public const string IntakeAgent = "intake-agent";
    public const string Dispatcher = "dispatcher";
    public const string Officer = "officer";
    public const string Verifier = "verifier";
    public const string Auditor = "auditor";
    public const string Designer = "designer";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [IntakeAgent, Dispatcher, Officer, Verifier, Auditor, Designer, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
