using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Cases.Lifecycle;

/// <summary>
/// Keeps each case row in step with its processes: after every step of a case process it copies the shared
/// variables (status, responsible unit, counts, escalation, rating) onto the case, records status changes and
/// escalation notices for the timeline, and carries out a merge decided by an intake agent — all staged on the
/// engine's unit of work, so the case and its process state commit together or not at all.
/// </summary>
internal sealed class CaseProjection(TongguanDbContext db) : IWorkflowStepObserver
{
    public async ValueTask OnStepAsync(WorkflowStep workflowStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflowStep);
        var instance = workflowStep.Instance;
        if (!CaseProcesses.All.Contains(instance.DefinitionKey) || instance.BusinessKey is not { } number)
        {
            return;
        }

        var found = await FindAsync(number, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            // A case process started by hand (designer testing a version) has no case row to follow.
            return;
        }

        var at = workflowStep.At;
        var variables = instance.Variables;
        if (instance.DefinitionKey == CaseProcesses.Intake && found.InstanceId is null)
        {
            found.InstanceId = instance.Id;
        }

        ApplyCounts(found, variables);
        ApplyEscalation(found, variables, workflowStep.Actor, at);
        if (Enum.TryParse<CaseStatus>(CaseVariables.Text(variables, CaseVariables.Status), out var status) && status != found.Status)
        {
            await ChangeStatusAsync(found, status, variables, workflowStep.Actor, at, cancellationToken).ConfigureAwait(false);
        }

        found.UpdatedAt = at;
    }

    public void DiscardStaged()
    {
        // The engine's store discards the shared context's changes; nothing of ours lives elsewhere.
    }

    private async Task<Case?> FindAsync(string number, CancellationToken cancellationToken) =>
        db.Set<Case>().Local.FirstOrDefault(c => c.Number == number)
        ?? await db.Set<Case>().FirstOrDefaultAsync(c => c.Number == number, cancellationToken).ConfigureAwait(false);

    private static void ApplyCounts(Case found, JsonObject variables)
    {
        found.Returns = Math.Max(found.Returns, CaseVariables.Count(variables, CaseVariables.ReturnCount));
        found.Reworks = Math.Max(found.Reworks, CaseVariables.Count(variables, CaseVariables.ReworkCount));
        found.Reopenings = Math.Max(found.Reopenings, CaseVariables.Count(variables, CaseVariables.ReopenCount));
        if (CaseVariables.Text(variables, CaseVariables.Satisfaction) is { } satisfaction)
        {
            found.Satisfaction = satisfaction;
        }
    }

    private void ApplyEscalation(Case found, JsonObject variables, Actor actor, DateTimeOffset at)
    {
        var escalations = CaseVariables.Count(variables, CaseVariables.Escalations);
        if (escalations <= found.Escalations)
        {
            return;
        }

        found.Escalations = escalations;
        found.EscalationLevel = CaseVariables.Text(variables, CaseVariables.EscalationLevel);
        found.EscalatedToUnitId = CaseVariables.Text(variables, CaseVariables.EscalatedToUnitId);
        AddEvent(found, CaseEventKind.Escalated, actor, at, CaseVariables.Text(variables, CaseVariables.EscalationNotice), found.EscalatedToUnitId);
    }

    private async Task ChangeStatusAsync(Case found, CaseStatus status, JsonObject variables, Actor actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        AddEvent(found, CaseEventKind.StatusChanged, actor, at, $"{found.Status} → {status}", null);
        found.Status = status;
        switch (status)
        {
            case CaseStatus.Filed:
                found.FiledAt ??= at;
                break;
            case CaseStatus.Dispatched or CaseStatus.Handling:
                found.ResponsibleUnitId = CaseVariables.Text(variables, CaseVariables.UnitId) ?? found.ResponsibleUnitId;
                break;
            case CaseStatus.Verifying:
                found.Resolution = CaseVariables.Text(variables, CaseVariables.Result) ?? found.Resolution;
                break;
            case CaseStatus.Closed:
                found.ClosedAt = at;
                break;
            case CaseStatus.Rejected:
                found.RejectionReason = CaseVariables.Text(variables, CaseVariables.Reason);
                found.ClosedAt = at;
                break;
            case CaseStatus.Merged:
                await MergeAsync(found, CaseVariables.Text(variables, CaseVariables.MergeInto), actor, at, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (status == CaseStatus.Handling)
        {
            found.ClosedAt = null;
        }
    }

    /// <summary>Moves the case's reports to the case the agent chose; the inbox checked that it exists and is open.</summary>
    private async Task MergeAsync(Case merged, string? targetNumber, Actor actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var target = targetNumber is null ? null : await FindAsync(targetNumber, cancellationToken).ConfigureAwait(false);
        if (target is null || target.Id == merged.Id || !CaseStatuses.IsOpen(target.Status))
        {
            throw new WorkflowException($"Case {merged.Number} cannot be merged into '{targetNumber}': that is not another open case.");
        }

        var reports = await db.Set<Report>().Where(r => r.CaseId == merged.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var report in reports)
        {
            report.CaseId = target.Id;
            report.Link = ReportLink.MergedByAgent;
        }

        target.ReportCount += reports.Count;
        if (merged.LastReportedAt > target.LastReportedAt)
        {
            target.LastReportedAt = merged.LastReportedAt;
        }

        target.UpdatedAt = at;
        merged.MergedInto = target.Number;
        merged.ClosedAt = at;
        AddEvent(target, CaseEventKind.ReportMerged, actor, at, $"Case {merged.Number} merged in by {actor.Id} ({reports.Count} report(s)).", null);
    }

    private void AddEvent(Case found, CaseEventKind kind, Actor actor, DateTimeOffset at, string? text, string? unitId) =>
        db.Add(new CaseEvent { Id = Guid.CreateVersion7(at), CaseId = found.Id, Kind = kind, Actor = actor.Id, At = at, Text = text, OrgUnitId = unitId });
}
