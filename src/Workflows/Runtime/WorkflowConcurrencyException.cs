using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Runtime;

/// <summary>
/// Someone else changed the instance between this caller's read and its save (for example completed the
/// same task). Nothing of this attempt was written; reload and decide again.
/// </summary>
public sealed class WorkflowConcurrencyException : WorkflowException
{
    public WorkflowConcurrencyException()
        : this("The workflow instance was changed by someone else; reload it and try again.")
    {
    }

    public WorkflowConcurrencyException(string message)
        : base(message)
    {
    }

    public WorkflowConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WorkflowConcurrencyException(Guid instanceId, string message, Exception? innerException = null)
        : base(message, innerException!)
    {
        InstanceId = instanceId;
    }

    public Guid? InstanceId { get; }
}
