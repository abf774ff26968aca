using System.Text.Json.Nodes;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.ReferenceData;
using Tongguan.Workflows.Execution;

namespace Tongguan.Cases.Dispatch;

/// <summary>
/// <c>case.route</c>: applies the routing rules (first match wins) to the case's category and grid cell, and works
/// out the groups the later steps need from the location: the verifier (核查) nearest the place and the street that
/// summons departments (吹哨).
/// </summary>
internal sealed class RouteCase(ReferenceDataSnapshot data) : IServiceTaskHandler
{
    public string Name => "case.route";

    public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var variables = context.Variables;
        var category = CaseVariables.Text(variables, CaseVariables.CategoryCode)
            ?? throw new WorkflowException($"Case {context.BusinessKey} has no {CaseVariables.CategoryCode} to route by.");
        var cell = CaseVariables.Text(variables, CaseVariables.GridCellId);
        var decision = data.Route(category, cell);
        var result = new JsonObject
        {
            [CaseVariables.Routed] = decision.Outcome == RoutingOutcome.Routed,
            [CaseVariables.RoutingExplanation] = decision.Explanation,
            [CaseVariables.DispatcherGroup] = new CandidateGroup(Roles.Dispatcher, data.DispatcherUnit.Id).ToString(),
        };
        if (decision.Outcome == RoutingOutcome.Routed)
        {
            result[CaseVariables.UnitId] = decision.Unit.Id;
            result[CaseVariables.UnitGroup] = decision.CandidateGroup.ToString();
            result[CaseVariables.Status] = nameof(CaseStatus.Dispatched);
        }

        var community = cell is null ? null : data.FindGridCell(cell)?.CommunityId;
        result[CaseVariables.VerifierGroup] = LocalGroups.Nearest(data, Roles.Verifier, community).ToString();
        result[CaseVariables.StreetGroup] = LocalGroups.Street(data, community).ToString();
        return ValueTask.FromResult<JsonObject?>(result);
    }
}

/// <summary><c>case.assign</c>: sends the case to the unit a dispatcher or a commander chose (form field <c>unitId</c>).</summary>
internal sealed class AssignCase(ReferenceDataSnapshot data) : IServiceTaskHandler
{
    public string Name => "case.assign";

    public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unitId = CaseVariables.Text(context.Variables, CaseVariables.UnitId);
        if (unitId is null || data.FindOrgUnit(unitId) is null)
        {
            throw new WorkflowException($"Case {context.BusinessKey} cannot be sent to unit '{unitId}': no such org unit.");
        }

        var result = CaseStepHandler.Status(CaseStatus.Dispatched);
        result[CaseVariables.UnitGroup] = new CandidateGroup(Roles.Officer, unitId).ToString();
        return ValueTask.FromResult<JsonObject?>(result);
    }
}

/// <summary>Groups chosen from the case's place rather than from its category.</summary>
internal static class LocalGroups
{
    /// <summary>
    /// The <paramref name="role"/> group of the lowest unit at or above the community that has such users: a
    /// community without its own verifier is covered by its street's, and so on up to the dispatchers of the city.
    /// </summary>
    public static CandidateGroup Nearest(ReferenceDataSnapshot data, string role, string? communityId)
    {
        if (communityId is not null && data.FindOrgUnit(communityId) is { } community)
        {
            foreach (var unit in new[] { community }.Concat(data.Ancestors(communityId)))
            {
                var group = new CandidateGroup(role, unit.Id);
                if (data.UsersIn(group).Count > 0)
                {
                    return group;
                }
            }
        }

        return new CandidateGroup(Roles.Dispatcher, data.DispatcherUnit.Id);
    }

    /// <summary>The officers of the street the place belongs to (who blow the whistle), else the city's dispatchers.</summary>
    public static CandidateGroup Street(ReferenceDataSnapshot data, string? communityId) =>
        communityId is not null && data.UnitAtLevel(communityId, OrgLevel.Street) is { } street
            ? new CandidateGroup(Roles.Officer, street.Id)
            : new CandidateGroup(Roles.Dispatcher, data.DispatcherUnit.Id);
}
