namespace Tongguan.Workflows.Execution;

/// <summary>Base of every error the engine raises on purpose (as opposed to bugs and handler failures).</summary>
public class WorkflowException : Exception
{
    public WorkflowException(string message)
        : base(message)
    {
    }

    public WorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WorkflowException()
        : base("Workflow error.")
    {
    }
}

/// <summary>The bookmark a command addresses no longer exists (already completed, fired or cancelled).</summary>
public sealed class BookmarkNotFoundException : WorkflowException
{
    public BookmarkNotFoundException(Guid instanceId, string bookmarkId)
        : base($"Instance {instanceId} has no bookmark '{bookmarkId}'; it was completed, fired or cancelled already.")
    {
        InstanceId = instanceId;
        BookmarkId = bookmarkId;
    }

    public BookmarkNotFoundException()
    {
        BookmarkId = "";
    }

    public BookmarkNotFoundException(string message)
        : base(message)
    {
        BookmarkId = "";
    }

    public BookmarkNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        BookmarkId = "";
    }

    public Guid InstanceId { get; }

    public string BookmarkId { get; }
}

/// <summary>The instance has ended (completed, terminated, cancelled or faulted) and cannot move on.</summary>
public sealed class InstanceNotRunningException : WorkflowException
{
    public InstanceNotRunningException(Guid instanceId, InstanceStatus status)
        : base($"Instance {instanceId} is {status}, not running.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    public InstanceNotRunningException()
    {
    }

    public InstanceNotRunningException(string message)
        : base(message)
    {
    }

    public InstanceNotRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Guid InstanceId { get; }

    public InstanceStatus Status { get; }
}

/// <summary>A migration was refused; <see cref="Reasons"/> says why, one sentence per problem.</summary>
public sealed class MigrationRefusedException : WorkflowException
{
    public MigrationRefusedException(IReadOnlyList<string> reasons)
        : base("Migration refused: " + string.Join(" ", reasons))
    {
        Reasons = reasons;
    }

    public MigrationRefusedException()
    {
        Reasons = [];
    }

    public MigrationRefusedException(string message)
        : base(message)
    {
        Reasons = [message];
    }

    public MigrationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reasons = [message];
    }

    public IReadOnlyList<string> Reasons { get; }
}

/// <summary>An expression or script failed: syntax error, runtime error, or a sandbox limit was hit.</summary>
public sealed class ExpressionException : WorkflowException
{
    public ExpressionException(string? nodeId, string expression, string message, Exception? innerException = null)
        : base($"Expression at '{nodeId ?? "(none)"}' failed: {message} (expression: {Shorten(expression)})", innerException!)
    {
        NodeId = nodeId;
        Expression = expression;
        Reason = message;
    }

    public ExpressionException()
    {
        Expression = "";
        Reason = "";
    }

    public ExpressionException(string message)
        : base(message)
    {
        Expression = "";
        Reason = message;
    }

    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = "";
        Reason = message;
    }

    /// <summary>The node — or, for a condition, the sequence flow — whose expression failed, when known.</summary>
    public string? NodeId { get; }

    public string Expression { get; }

    /// <summary>What went wrong, without the node and expression.</summary>
    public string Reason { get; }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}

/// <summary>A service task names a handler that is not registered.</summary>
public sealed class ServiceTaskHandlerNotFoundException : WorkflowException
{
    public ServiceTaskHandlerNotFoundException(string nodeId, string handlerName)
        : base($"Service task '{nodeId}' names handler '{handlerName}', which is not registered.")
    {
        NodeId = nodeId;
        HandlerName = handlerName;
    }

    public ServiceTaskHandlerNotFoundException()
    {
        NodeId = "";
        HandlerName = "";
    }

    public ServiceTaskHandlerNotFoundException(string message)
        : base(message)
    {
        NodeId = "";
        HandlerName = "";
    }

    public ServiceTaskHandlerNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        NodeId = "";
        HandlerName = "";
    }

    public string NodeId { get; }

    public string HandlerName { get; }
}
