using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Runtime;

/// <summary>A definition key (and version) that was never published.</summary>
public sealed class DefinitionNotFoundException : WorkflowException
{
    public DefinitionNotFoundException(string key, int? version)
        : base(version is null
            ? $"No published version of definition '{key}'."
            : $"Definition '{key}' has no published version {version}.")
    {
        Key = key;
        Version = version;
    }

    public DefinitionNotFoundException()
    {
        Key = "";
    }

    public DefinitionNotFoundException(string message)
        : base(message)
    {
        Key = "";
    }

    public DefinitionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "";
    }

    public string Key { get; }

    public int? Version { get; }
}

/// <summary>An instance, task, job or incident id that does not exist.</summary>
public sealed class WorkflowItemNotFoundException : WorkflowException
{
    public WorkflowItemNotFoundException(string what, string id)
        : base($"{what} '{id}' does not exist.")
    {
    }

    public WorkflowItemNotFoundException()
    {
    }

    public WorkflowItemNotFoundException(string message)
        : base(message)
    {
    }

    public WorkflowItemNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A task action that its current state does not allow (claiming a task someone else holds, completing a cancelled task).</summary>
public sealed class TaskStateException : WorkflowException
{
    public TaskStateException(string message)
        : base(message)
    {
    }

    public TaskStateException()
    {
    }

    public TaskStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
