using Tongguan.Workflows.Runtime;

namespace Tongguan.Workflows.Versioning;

/// <summary>
/// Another version of the same key was published between this publish's read of the latest version and its
/// save, so both claimed the same version number. Nothing of this publish was written; publishing again
/// creates the next version (or nothing, if the other publish had the same content).
/// </summary>
public sealed class DefinitionPublishConflictException : WorkflowConcurrencyException
{
    public DefinitionPublishConflictException(IReadOnlyList<string> keys, Exception? innerException = null)
        : base(
            $"Another version of {string.Join(", ", keys.Select(k => $"'{k}'"))} was published at the same time; nothing was published. Publish again.",
            innerException!)
    {
        Keys = keys;
    }

    public DefinitionPublishConflictException()
        : this([])
    {
    }

    public DefinitionPublishConflictException(string message)
        : base(message)
    {
        Keys = [];
    }

    public DefinitionPublishConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Keys = [];
    }

    /// <summary>The definition keys whose version number was taken.</summary>
    public IReadOnlyList<string> Keys { get; }
}
