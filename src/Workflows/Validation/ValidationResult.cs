using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Validation;

/// <summary>The outcome of reading and validating one BPMN file.</summary>
/// <param name="Document">What the reader built; its processes are only safe to run when <see cref="IsValid"/>.</param>
/// <param name="Problems">Reader and validator problems together, ordered by line and column.</param>
public sealed record ValidationResult(BpmnDocument Document, IReadOnlyList<BpmnProblem> Problems)
{
    /// <summary>True when no problem is an error; warnings do not block publishing.</summary>
    public bool IsValid => !Problems.Any(p => p.IsError);

    public IEnumerable<BpmnProblem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<BpmnProblem> Warnings => Problems.Where(p => !p.IsError);
}
