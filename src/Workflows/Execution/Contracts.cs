using System.Text.Json.Nodes;

namespace Tongguan.Workflows.Execution;

/// <summary>
/// Runs a service task (or a send task with a handler). Registered by name; the engine calls it inline
/// for synchronous tasks and from a job with retries for <c>tg:async="true"</c> ones.
/// Implementations must be thread-safe and should be idempotent: an async job can run again after a crash.
/// </summary>
public interface IServiceTaskHandler
{
    /// <summary>The name used in <c>tg:handler</c>.</summary>
    string Name { get; }

    /// <summary>Runs the task. Throw <see cref="BpmnErrorException"/> for a business error that error
    /// boundary events may catch; any other exception is a technical failure (retried, then an incident).</summary>
    ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken);
}

/// <summary>What a service task handler sees.</summary>
public sealed record ServiceTaskContext(
    Guid InstanceId,
    string DefinitionKey,
    string? BusinessKey,
    string NodeId,
    string? NodeName,
    IReadOnlyDictionary<string, string> Extensions,
    JsonObject Variables);

/// <summary>A business error thrown by a handler or by an error end event.</summary>
public sealed class BpmnErrorException : Exception
{
    public BpmnErrorException(string errorCode, string? message = null)
        : base(message ?? $"BPMN error '{errorCode}'")
    {
        ErrorCode = errorCode;
    }

    public BpmnErrorException()
        : this("error")
    {
    }

    public BpmnErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "error";
    }

    public string ErrorCode { get; } = "error";
}

/// <summary>Looks up service task handlers by name.</summary>
public interface IServiceTaskHandlerRegistry
{
    bool TryGet(string name, out IServiceTaskHandler handler);
}
