using System.Text.Json.Nodes;
using Tongguan.Workflows.Expressions;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Execution;

/// <summary>
/// The in-memory BPMN executor: moves an <see cref="InstanceState"/> from one set of wait states (bookmarks) to the
/// next, inside one call. Pure: no I/O and no storage — the durable runtime loads the state, calls the executor and
/// saves the changed state together with the <see cref="ExecutionOutcome"/> in one transaction.
/// </summary>
/// <remarks>
/// <para>Thread-safe to share: it keeps no per-instance data; one <see cref="InstanceState"/> must not be changed by
/// two calls at the same time.</para>
/// <para>The state is consistent only when a call returns normally. When a call throws — an expression fails, no
/// outgoing flow matches, a synchronous service task handler throws a technical (non-<see cref="BpmnErrorException"/>)
/// exception — the state may be half changed: the caller must discard it (roll back) and keep the stored version.</para>
/// <para>Multi-instance activities: each instance (child execution) sees its element in <c>tg:elementVariable</c>
/// and its index in <c>loopCounter</c> as execution-local variables, plus <c>nrOfInstances</c>,
/// <c>nrOfCompletedInstances</c> and <c>nrOfActiveInstances</c>. The output of an instance (user task output, job or
/// handler output, child instance output) is not merged into the process variables, where the instances would
/// overwrite each other, but stored in the process variable <c>&lt;nodeId&gt;Results</c>: an array with one slot per
/// instance, in loop-counter order, holding the instance's output object (<c>{}</c> when it had none) once it
/// completed and <c>null</c> while it runs or when it was cancelled.</para>
/// <para>Journal entries written during a call carry the actor of the command that caused the call.</para>
/// </remarks>
public sealed class WorkflowExecutor
{
    private readonly IServiceTaskHandlerRegistry _handlers;
    private readonly TimeProvider _timeProvider;
    private readonly ExecutorOptions _options;
    private readonly ExpressionSandbox _sandbox;

    public WorkflowExecutor(IServiceTaskHandlerRegistry handlers, TimeProvider timeProvider, ExecutorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _handlers = handlers;
        _timeProvider = timeProvider;
        _options = options ?? new ExecutorOptions();
        _sandbox = new ExpressionSandbox(_options.ExpressionLimits);
    }

    internal IServiceTaskHandlerRegistry Handlers => _handlers;

    internal TimeProvider TimeProvider => _timeProvider;

    internal ExecutorOptions Options => _options;

    internal ExpressionSandbox Sandbox => _sandbox;

    /// <summary>
    /// Runs a new instance from its start event to its first wait states. <paramref name="state"/> comes pre-filled
    /// with Id, DefinitionId, DefinitionKey, DefinitionVersion, BusinessKey and Parent. <c>startEventId</c> names a
    /// start event of the process scope (none, message or timer); the none start event is used when it is null.
    /// </summary>
    public async ValueTask<ExecutionOutcome> StartAsync(ProcessModel model, InstanceState state, JsonObject? variables,
        Actor actor, string? startEventId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        var start = ResolveStart(model, startEventId);
        var run = new ExecutionRun(this, model, state, actor, cancellationToken);
        run.Start(start, variables);
        await run.RunAsync().ConfigureAwait(false);
        return run.Outcome;
    }

    /// <summary>Resumes the instance at one bookmark and runs it to its next wait states.</summary>
    /// <exception cref="BookmarkNotFoundException">The bookmark is gone (completed, fired or cancelled already).</exception>
    /// <exception cref="InstanceNotRunningException">The instance has ended.</exception>
    public async ValueTask<ExecutionOutcome> ResumeAsync(ProcessModel model, InstanceState state, ResumeCommand command,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        EnsureRunning(state);
        var run = new ExecutionRun(this, model, state, command.Actor, cancellationToken);
        run.Resume(command);
        await run.RunAsync().ConfigureAwait(false);
        return run.Outcome;
    }

    /// <summary>Cancels a running instance: every execution and bookmark is removed, called child instances are listed
    /// in <see cref="ExecutionOutcome.CancelledChildInstances"/>, the status becomes <see cref="InstanceStatus.Cancelled"/>.</summary>
    public ExecutionOutcome Cancel(ProcessModel model, InstanceState state, Actor actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureRunning(state);
        var run = new ExecutionRun(this, model, state, actor, CancellationToken.None);
        run.CancelInstance(reason);
        return run.Outcome;
    }

    /// <summary>
    /// Checks whether a running instance can move from <paramref name="from"/> to <paramref name="to"/>. Every live
    /// execution's node is mapped through <paramref name="nodeMapping"/> (source node id → target node id), else
    /// kept by id. Returns one sentence per problem; empty when the migration is possible.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "Part of the executor's instance API; callers hold an executor, not its type.")]
    public IReadOnlyList<string> CheckMigration(ProcessModel from, ProcessModel to, InstanceState state,
        IReadOnlyDictionary<string, string> nodeMapping) =>
        InstanceMigration.Check(from, to, state, nodeMapping);

    /// <summary>
    /// Moves a running instance to another version's model: executions and bookmarks are remapped and boundary
    /// events re-armed per the target model (timers keep counting from when their activity was entered).
    /// The caller updates <see cref="InstanceState.DefinitionId"/> and <see cref="InstanceState.DefinitionVersion"/>.
    /// </summary>
    /// <exception cref="MigrationRefusedException">When <see cref="CheckMigration"/> finds problems.</exception>
    public ExecutionOutcome Migrate(ProcessModel from, ProcessModel to, InstanceState state,
        IReadOnlyDictionary<string, string> nodeMapping, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var reasons = CheckMigration(from, to, state, nodeMapping);
        if (reasons.Count > 0)
        {
            throw new MigrationRefusedException(reasons);
        }

        var run = new ExecutionRun(this, to, state, actor, CancellationToken.None);
        InstanceMigration.Apply(run, from, to, nodeMapping);
        return run.Outcome;
    }

    private static void EnsureRunning(InstanceState state)
    {
        if (state.Status != InstanceStatus.Running)
        {
            throw new InstanceNotRunningException(state.Id, state.Status);
        }
    }

    private static StartEvent ResolveStart(ProcessModel model, string? startEventId)
    {
        if (startEventId is null)
        {
            return ModelIndex.For(model).NoneStart
                ?? throw new WorkflowException($"Process '{model.Id}' has no none start event; name the message or timer start event to start from.");
        }

        return model.Nodes.TryGetValue(startEventId, out var node) && node is StartEvent start && ReferenceEquals(start.Parent, model)
            ? start
            : throw new WorkflowException($"Process '{model.Id}' has no start event '{startEventId}' at process level.");
    }
}
