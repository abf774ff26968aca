using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Validation;

/// <summary>
/// Checks that the processes of a BPMN file would run as drawn: the semantic rules on top of what
/// <see cref="BpmnReader"/> reports. Every problem names the element, its type and its position, and says how to
/// fix it. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Only executable processes (<c>isExecutable="true"</c>) are checked; the others are documentation, such as the
/// citizen's pool of a collaboration. When a file has no executable process at all, that is an error and every
/// process is checked anyway, so the designer sees all problems at once.
/// </remarks>
public static class BpmnValidator
{
    /// <summary>The semantic problems of an already read document; the reader's own problems are not repeated.</summary>
    /// <returns>Problems ordered by line, then column.</returns>
    public static IReadOnlyList<BpmnProblem> Validate(BpmnDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new ProblemCollector(document.Problems);
        var processes = document.Processes.Where(p => p.IsExecutable).ToList();
        if (processes.Count == 0)
        {
            ReportNoExecutableProcess(document, problems);
            processes = [.. document.Processes];
        }

        foreach (var process in processes)
        {
            StructureRules.Check(process, problems);
            GatewayRules.Check(process, problems);
            ActivityRules.Check(process, problems);
            EventRules.Check(process, problems);
            ExpressionRules.Check(process, problems);
            ExtensionAttributeRules.Check(process, problems);
        }

        return Sort(problems.Problems);
    }

    /// <summary>Reads and validates BPMN XML; never throws for bad input.</summary>
    /// <param name="xml">The file content.</param>
    /// <param name="sourceName">A file name for messages; optional.</param>
    public static ValidationResult ValidateXml(string xml, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = BpmnReader.Read(xml, sourceName);
        return new ValidationResult(document, Sort([.. document.Problems, .. Validate(document)]));
    }

    private static void ReportNoExecutableProcess(BpmnDocument document, ProblemCollector problems)
    {
        // Malformed XML or a non-BPMN root is already reported; "no executable process" would only add noise.
        if (document.Processes.Count == 0 && document.HasErrors)
        {
            return;
        }

        if (document.Processes.Count == 0)
        {
            problems.Add(
                ProblemSeverity.Error,
                ValidationCodes.NoExecutableProcess,
                null,
                "definitions",
                Model.SourcePosition.Unknown,
                "The file holds no process. Draw a process (a pool with a start event) and mark it executable.");
            return;
        }

        var first = document.Processes[0];
        problems.Error(
            ValidationCodes.NoExecutableProcess,
            first,
            $"No process in the file is executable, so the engine would not run any of them. Mark the process to run as executable (isExecutable=\"true\"{(document.Processes.Count > 1 ? $"; candidates: {string.Join(", ", document.Processes.Select(p => p.Id))}" : "")}).");
    }

    private static List<BpmnProblem> Sort(IEnumerable<BpmnProblem> problems) =>
        [.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)];
}
