using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Versioning;

/// <summary>Finds problems beyond the reader's before a definition is published. Register any number; thread-safe.</summary>
public interface IDefinitionValidator
{
    IReadOnlyList<BpmnProblem> Validate(BpmnDocument document);
}
