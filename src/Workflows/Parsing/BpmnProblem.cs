namespace Tongguan.Workflows.Parsing;

public enum ProblemSeverity
{
    /// <summary>Worth knowing; does not block publishing.</summary>
    Warning,
    /// <summary>Blocks publishing: the process would not run as drawn.</summary>
    Error,
}

/// <summary>
/// One finding about a BPMN file, addressed to a process designer: what is wrong, on which element, where in the file.
/// </summary>
/// <param name="Severity">Whether the problem blocks publishing.</param>
/// <param name="Code">A stable code (see <see cref="BpmnProblemCodes"/>), for documentation and tests.</param>
/// <param name="Message">A sentence saying what is wrong and how to fix it.</param>
/// <param name="ElementId">The offending element's id, when it has one.</param>
/// <param name="ElementType">The offending element's BPMN name, e.g. <c>exclusiveGateway</c>.</param>
/// <param name="Line">1-based line in the file, 0 when unknown.</param>
/// <param name="Column">1-based column in the file, 0 when unknown.</param>
public sealed record BpmnProblem(
    ProblemSeverity Severity,
    string Code,
    string Message,
    string? ElementId,
    string? ElementType,
    int Line,
    int Column)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    public override string ToString()
    {
        var where = ElementId is null ? "" : $" {ElementType ?? "element"} '{ElementId}'";
        return $"{Line}:{Column}: {(IsError ? "error" : "warning")} {Code}{where}: {Message}";
    }
}

/// <summary>Stable problem codes reported by the reader. The validator adds its own.</summary>
public static class BpmnProblemCodes
{
    public const string MalformedXml = "TG0001";
    public const string NotBpmn = "TG0002";
    public const string UnsupportedElement = "TG0003";
    public const string UnknownElement = "TG0004";
    public const string DanglingReference = "TG0005";
    public const string DuplicateId = "TG0006";
    public const string MissingId = "TG0007";
    public const string ForeignAttributeIgnored = "TG0008";
    public const string UnsupportedEventDefinition = "TG0009";
    public const string UnsupportedAttributeValue = "TG0010";
}
