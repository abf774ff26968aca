using System.Text.Json.Serialization;

namespace Tongguan.Cases.ReferenceData;

[JsonConverter(typeof(JsonStringEnumConverter<RoutingTargetKind>))]
public enum RoutingTargetKind
{
    /// <summary>A fixed org unit, named by id.</summary>
    Unit,

    /// <summary><c>department:district</c>: the department of the category's type in the location's district.</summary>
    DistrictDepartment,

    /// <summary><c>department:city</c>: the city-level department of the category's type.</summary>
    CityDepartment,

    /// <summary><c>location:community</c>: the community the location's grid cell belongs to.</summary>
    Community,

    /// <summary><c>location:street</c>: the street above the location's community.</summary>
    Street,

    /// <summary><c>location:district</c>: the district above the location's street.</summary>
    District,

    /// <summary><c>dispatcher</c>: no automatic routing; the command-centre dispatcher decides.</summary>
    Dispatcher,
}

/// <summary>Where a routing rule sends a case; <see cref="UnitId"/> is set only for <see cref="RoutingTargetKind.Unit"/>.</summary>
public sealed record RoutingTarget(RoutingTargetKind Kind, string? UnitId)
{
    private static readonly Dictionary<string, RoutingTargetKind> Keywords = new(StringComparer.Ordinal)
    {
        ["department:district"] = RoutingTargetKind.DistrictDepartment,
        ["department:city"] = RoutingTargetKind.CityDepartment,
        ["location:community"] = RoutingTargetKind.Community,
        ["location:street"] = RoutingTargetKind.Street,
        ["location:district"] = RoutingTargetKind.District,
        ["dispatcher"] = RoutingTargetKind.Dispatcher,
    };

    /// <summary>The keywords a rule's target may use instead of a unit id.</summary>
    public static IReadOnlyCollection<string> KeywordTexts => Keywords.Keys;

    /// <summary>A keyword, or else a unit id (whose existence the loader checks).</summary>
    public static RoutingTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Keywords.TryGetValue(text, out var kind) ? new RoutingTarget(kind, null) : new RoutingTarget(RoutingTargetKind.Unit, text);
    }

    /// <summary>The text as written in routing-rules.json.</summary>
    public override string ToString() =>
        Kind == RoutingTargetKind.Unit ? UnitId ?? "" : Keywords.First(k => k.Value == Kind).Key;
}

/// <summary>
/// One line of routing-rules.json. <see cref="Category"/> is a leaf code, a major code or <c>*</c>;
/// <see cref="Area"/> is a grid cell id, a community, street or district id, or <c>*</c>.
/// </summary>
public sealed record RoutingRule(string Id, string Category, string Area, RoutingTarget Target, string? Note)
{
    public const string Any = "*";
}

[JsonConverter(typeof(JsonStringEnumConverter<RoutingOutcome>))]
public enum RoutingOutcome
{
    /// <summary>A rule named the responsible unit.</summary>
    Routed,

    /// <summary>A rule said so, or no rule matched: the command-centre dispatcher must choose the unit.</summary>
    NeedsDispatcher,
}

/// <summary>
/// The answer of <see cref="ReferenceDataSnapshot.Route"/>. <see cref="Unit"/> is the responsible unit when
/// <see cref="Outcome"/> is <see cref="RoutingOutcome.Routed"/>, and the dispatcher's unit otherwise.
/// <see cref="Rule"/> is the rule that decided (null when none matched); <see cref="PassedOver"/> lists rules that
/// matched but whose computed target does not exist (e.g. a district without that department), with the reason.
/// <see cref="CandidateGroup"/> is the group whose users receive the task: <c>officer@unit</c> or <c>dispatcher@unit</c>.
/// </summary>
public sealed record RoutingDecision(
    RoutingOutcome Outcome,
    OrgUnit Unit,
    CandidateGroup CandidateGroup,
    RoutingRule? Rule,
    IReadOnlyList<string> PassedOver,
    string Explanation);
