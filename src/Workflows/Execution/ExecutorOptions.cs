using Tongguan.Workflows.Expressions;

namespace Tongguan.Workflows.Execution;

/// <summary>Settings of a <see cref="WorkflowExecutor"/>.</summary>
public sealed class ExecutorOptions
{
    /// <summary>Limits for condition expressions, assignee expressions and scripts.</summary>
    public SandboxLimits ExpressionLimits { get; set; } = SandboxLimits.Default;

    /// <summary>Journal a <see cref="JournalEventType.FlowTaken"/> entry per sequence flow taken (off by default: it doubles the journal).</summary>
    public bool JournalFlowsTaken { get; set; }
}
