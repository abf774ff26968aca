using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Versioning;

/// <summary>Publishing was refused because the BPMN has errors; <see cref="Problems"/> lists every finding.</summary>
public sealed class DefinitionRejectedException : WorkflowException
{
    public DefinitionRejectedException(IReadOnlyList<BpmnProblem> problems)
        : base("The definition cannot be published: " + string.Join("; ", problems.Where(p => p.IsError)))
    {
        Problems = problems;
    }

    public DefinitionRejectedException()
    {
        Problems = [];
    }

    public DefinitionRejectedException(string message)
        : base(message)
    {
        Problems = [];
    }

    public DefinitionRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<BpmnProblem> Problems { get; }
}
