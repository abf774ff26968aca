using System.Text.Json.Nodes;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.ReferenceData;
using Tongguan.Workflows.Execution;

namespace Tongguan.Cases.Escalation;

/// <summary>Where an escalation lands: the command level's unit and the group that decides there.</summary>
public sealed record EscalationTarget(OrgUnit LevelUnit, CandidateGroup DecidingGroup, bool AtTop, string Notice);

/// <summary>
/// The four command levels (社区 → 街道 → 区 → 市) as escalation climbs them. A department's first level up is the
/// district (or city) it belongs to. Communities and streets decide through their officers, districts and the city
/// through their command centres' dispatchers; a level without such users is passed over, so that an escalation
/// never lands in an empty inbox.
/// </summary>
public static class CommandLevels
{
    public static EscalationTarget Next(ReferenceDataSnapshot data, string fromUnitId)
    {
        ArgumentNullException.ThrowIfNull(data);
        var from = data.FindOrgUnit(fromUnitId) ?? throw new ArgumentException($"Unknown org unit '{fromUnitId}'.", nameof(fromUnitId));
        var skipped = new List<string>();
        for (var unit = data.NextLevelUp(from.Id); unit is not null; unit = data.NextLevelUp(unit.Id))
        {
            if (DecidingGroup(data, unit) is { } group)
            {
                var passed = skipped.Count == 0 ? "" : $" ({string.Join(", ", skipped)} passed over: nobody there decides escalations)";
                return new EscalationTarget(unit, group, unit.Level == OrgLevel.City,
                    $"Escalated from {from.Names.Zh} ({from.Id}) to {unit.Level.ToString().ToLowerInvariant()} level {unit.Names.Zh} ({unit.Id}){passed}.");
            }

            skipped.Add(unit.Id);
        }

        var city = data.City;
        return new EscalationTarget(city, new CandidateGroup(Roles.Dispatcher, data.DispatcherUnit.Id), true,
            from.Id == city.Id || from.ParentId is null
                ? $"Already at the city level ({city.Names.Zh}); the city command centre decides again."
                : $"Escalated from {from.Names.Zh} ({from.Id}) to the city command centre.");
    }

    private static CandidateGroup? DecidingGroup(ReferenceDataSnapshot data, OrgUnit unit)
    {
        CandidateGroup? group = unit.Level switch
        {
            OrgLevel.Community or OrgLevel.Street => new CandidateGroup(Roles.Officer, unit.Id),
            OrgLevel.District => data.Children(unit.Id).FirstOrDefault(c => c.DepartmentType == "command") is { } centre
                ? new CandidateGroup(Roles.Dispatcher, centre.Id)
                : null,
            OrgLevel.City => new CandidateGroup(Roles.Dispatcher, data.DispatcherUnit.Id),
            _ => null,
        };
        return group is { } g && data.UsersIn(g).Count > 0 ? g : null;
    }
}

/// <summary>
/// <c>case.escalate</c>: moves the case one command level above the level now watching it (at first the responsible
/// unit's), and leaves the notice for the timeline; the decision task in the target's inbox is the notification.
/// </summary>
internal sealed class EscalateCase(ReferenceDataSnapshot data) : IServiceTaskHandler
{
    public string Name => "case.escalate";

    public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var variables = context.Variables;
        var from = CaseVariables.Text(variables, CaseVariables.SupervisingUnitId)
            ?? CaseVariables.Text(variables, CaseVariables.UnitId)
            ?? data.DispatcherUnit.Id;
        var target = CommandLevels.Next(data, from);
        var reason = CaseVariables.Text(variables, CaseVariables.EscalationReason) ?? "unspecified";
        return ValueTask.FromResult<JsonObject?>(new JsonObject
        {
            [CaseVariables.SupervisingUnitId] = target.LevelUnit.Id,
            [CaseVariables.EscalationLevel] = target.LevelUnit.Level.ToString(),
            [CaseVariables.EscalatedToUnitId] = target.LevelUnit.Id,
            [CaseVariables.EscalationGroup] = target.DecidingGroup.ToString(),
            [CaseVariables.Escalations] = CaseVariables.Count(variables, CaseVariables.Escalations) + 1,
            [CaseVariables.EscalationNotice] = $"{target.Notice} Reason: {reason}.",
        });
    }
}

/// <summary><c>case.escalationDecided</c>: a reassignment sends the case's work to the newly chosen unit.</summary>
internal sealed class EscalationDecided(ReferenceDataSnapshot data) : IServiceTaskHandler
{
    public string Name => "case.escalationDecided";

    public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new JsonObject();
        if (CaseVariables.Text(context.Variables, CaseVariables.Decision) == "reassign" &&
            CaseVariables.Text(context.Variables, CaseVariables.UnitId) is { } unitId && data.FindOrgUnit(unitId) is not null)
        {
            result[CaseVariables.UnitGroup] = new CandidateGroup(Roles.Officer, unitId).ToString();
        }

        return ValueTask.FromResult<JsonObject?>(result);
    }
}
