using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;

namespace Tongguan.Workflows.Tests.Validation;

/// <summary>Builds small BPMN files and checks the problems reported for them.</summary>
internal static class ValidationAssert
{
    private const string Header =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="t">""";

    /// <summary>Validates definitions-level content (messages, errors, processes).</summary>
    public static ValidationResult Definitions(string body) =>
        BpmnValidator.ValidateXml(Header + "\n" + body + "\n</definitions>", "test.bpmn");

    /// <summary>Validates the content of one executable process.</summary>
    public static ValidationResult Process(string content, string declarations = "") =>
        Definitions(declarations + "\n<process id=\"p\" isExecutable=\"true\">\n" + content + "\n</process>");

    /// <summary>Asserts exactly one problem with the code on the element, positioned in the file, and returns it.</summary>
    public static BpmnProblem Single(ValidationResult result, string code, string elementId, ProblemSeverity severity = ProblemSeverity.Error)
    {
        var matches = result.Problems.Where(p => p.Code == code && p.ElementId == elementId).ToList();
        var problem = Assert.Single(matches);
        Assert.Equal(severity, problem.Severity);
        Assert.True(problem.Line > 0, $"{code} on {elementId} has no line");
        Assert.True(problem.Column > 0, $"{code} on {elementId} has no column");
        Assert.False(string.IsNullOrWhiteSpace(problem.ElementType));
        return problem;
    }

    public static void None(ValidationResult result, string code) =>
        Assert.DoesNotContain(result.Problems, p => p.Code == code);

    public static void Clean(ValidationResult result) =>
        Assert.True(result.Problems.Count == 0, "Unexpected problems:\n" + string.Join("\n", result.Problems));
}
