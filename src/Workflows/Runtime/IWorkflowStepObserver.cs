using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Runtime;

/// <summary>
/// Sees every execution step of every instance a <see cref="WorkflowRuntime"/> call touches, before the call's
/// unit of work is saved, so that whatever an observer stages on the same store (the application's
/// <c>DbContext</c>) commits atomically with the workflow state — or not at all.
/// </summary>
/// <remarks>
/// Register as scoped (it shares the caller's unit of work). Contract: the observer runs inside the runtime's
/// transaction; it must only stage changes and must never save them itself; an exception it throws aborts the
/// whole call and discards everything staged, its own changes included. A call that touches several instances
/// (call activities, messages) notifies once per instance step, in execution order. Not called for runtime calls
/// that fail before their step ran. Not thread-safe (neither is the runtime).
/// </remarks>
public interface IWorkflowStepObserver
{
    /// <summary>Stages the observer's consequences of <paramref name="workflowStep"/> on the shared unit of work.</summary>
    ValueTask OnStepAsync(WorkflowStep workflowStep, CancellationToken cancellationToken);

    /// <summary>
    /// The unit of work failed or was abandoned before saving: drop whatever this observer staged since the last
    /// save, so that a retry on the same scope starts clean (the runtime discards its own changes the same way).
    /// Must not throw.
    /// </summary>
    void DiscardStaged();

    /// <summary>
    /// The unit of work was saved: what this observer staged is in the database (committed, unless the caller runs
    /// the runtime inside its own transaction). For work that must follow the save and may be lost without harm —
    /// e.g. asking a scheduler for a wake-up that a periodic sweep would make up for. Should not throw.
    /// </summary>
    ValueTask OnSavedAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>One instance's execution step as the runtime is about to persist it.</summary>
/// <param name="Instance">The instance after the step (status, bookmarks, variables).</param>
/// <param name="Model">The process model the instance runs on.</param>
/// <param name="Outcome">What the step produced: added and removed bookmarks, journal entries.</param>
/// <param name="Actor">Who caused the step.</param>
/// <param name="At">The runtime clock's time of the step.</param>
public sealed record WorkflowStep(InstanceState Instance, ProcessModel Model, ExecutionOutcome Outcome, Actor Actor, DateTimeOffset At);
