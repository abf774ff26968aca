using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Validation;

/// <summary>Collects the problems of one validation run, pinned to the element they concern.</summary>
internal sealed class ProblemCollector(IEnumerable<BpmnProblem> readerProblems)
{
    private readonly List<BpmnProblem> _problems = [];
    private readonly HashSet<string> _reportedByReader =
        new(readerProblems.Where(p => p.IsError && p.ElementId is not null).Select(p => p.ElementId!), StringComparer.Ordinal);

    /// <summary>True when the reader already reported an error on the element (e.g. a dangling messageRef),
    /// so a rule that would only restate it stays quiet.</summary>
    public bool ReaderReported(string elementId) => _reportedByReader.Contains(elementId);

    public IReadOnlyList<BpmnProblem> Problems => _problems;

    public void Error(string code, Node node, string message) =>
        Add(ProblemSeverity.Error, code, node.Id, node.ElementType, node.Position, message);

    public void Warning(string code, Node node, string message) =>
        Add(ProblemSeverity.Warning, code, node.Id, node.ElementType, node.Position, message);

    public void Error(string code, SequenceFlow flow, string message) =>
        Add(ProblemSeverity.Error, code, flow.Id, "sequenceFlow", flow.Position, message);

    public void Warning(string code, SequenceFlow flow, string message) =>
        Add(ProblemSeverity.Warning, code, flow.Id, "sequenceFlow", flow.Position, message);

    public void Error(string code, ProcessModel process, string message) =>
        Add(ProblemSeverity.Error, code, process.Id, "process", process.Position, message);

    public void Add(ProblemSeverity severity, string code, string? elementId, string? elementType, SourcePosition position, string message) =>
        _problems.Add(new BpmnProblem(severity, code, message, elementId, elementType, position.Line, position.Column));
}
