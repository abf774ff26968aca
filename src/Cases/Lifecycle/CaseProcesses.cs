using System.Text.Json.Nodes;

namespace Tongguan.Cases.Lifecycle;

/// <summary>The four case processes in definitions/ and the process variables they share with the case code.</summary>
public static class CaseProcesses
{
    /// <summary>One-door intake (一门受理): started for every new case; calls the other three.</summary>
    public const string Intake = "case-intake";

    public const string Dispatch = "case-dispatch";

    public const string Handling = "case-handling";

    public const string Escalation = "case-escalation";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { Intake, Dispatch, Handling, Escalation };
}

/// <summary>Names of the process variables the case processes, their handlers and <see cref="CaseProjection"/> agree on.</summary>
public static class CaseVariables
{
    public const string CategoryCode = "categoryCode";
    public const string GridCellId = "gridCellId";
    public const string Channel = "channel";
    public const string Urgency = "urgency";
    public const string NeedsReview = "needsReview";
    public const string Suggestions = "suggestions";
    public const string Status = "caseStatus";
    public const string IntakeGroup = "intakeGroup";
    public const string DispatcherGroup = "dispatcherGroup";
    public const string VerifierGroup = "verifierGroup";
    public const string StreetGroup = "streetGroup";
    public const string Routed = "routed";
    public const string RoutingExplanation = "routingExplanation";
    public const string UnitId = "unitId";
    public const string UnitGroup = "unitGroup";
    public const string Decision = "decision";
    public const string Reason = "reason";
    public const string MergeInto = "mergeInto";
    public const string ReturnCount = "returnCount";
    public const string Disputed = "disputed";
    public const string ReworkCount = "reworkCount";
    public const string ReopenCount = "reopenCount";
    public const string Result = "result";
    public const string Satisfaction = "satisfaction";
    public const string Departments = "departments";
    public const string EscalationReason = "escalationReason";
    public const string EscalationLevel = "escalationLevel";
    public const string EscalatedToUnitId = "escalatedToUnitId";
    public const string EscalationGroup = "escalationGroup";
    public const string SupervisingUnitId = "supervisingUnitId";
    public const string Escalations = "escalations";
    public const string EscalationNotice = "escalationNotice";

    public static string? Text(JsonObject variables, string name) =>
        variables.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int Count(JsonObject variables, string name)
    {
        if (!variables.TryGetPropertyValue(name, out var node) || node is not JsonValue value)
        {
            return 0;
        }

        // Scripts hand numbers over as doubles; counts are whole anyway.
        return value.TryGetValue<int>(out var whole) ? whole : value.TryGetValue<double>(out var real) ? (int)real : 0;
    }

    public static bool Flag(JsonObject variables, string name) =>
        variables.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
