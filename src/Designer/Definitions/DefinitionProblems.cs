using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Designer.Definitions;

/// <summary>The one shape of "this BPMN cannot be published": 400 problem details with every problem listed.</summary>
public static class DefinitionProblems
{
    public const string Title = "The BPMN definition has errors";

    public static Dictionary<string, object?> Extensions(IReadOnlyList<BpmnProblem> problems) => new()
    {
        ["problems"] = problems.Select(ProblemResponse.From).ToList(),
    };

    public static string Detail(IReadOnlyList<BpmnProblem> problems)
    {
        var errors = problems.Where(p => p.IsError).ToList();
        var first = errors.Count > 0 ? errors[0] : problems.Count > 0 ? problems[0] : null;
        return first is null
            ? "The definition was rejected."
            : $"{errors.Count} error(s); the first at line {first.Line}{(first.ElementId is null ? "" : $", {first.ElementType} '{first.ElementId}'")}: {first.Message}";
    }

    public static ProblemHttpResult Rejected(IReadOnlyList<BpmnProblem> problems) =>
        TypedResults.Problem(Detail(problems), statusCode: StatusCodes.Status400BadRequest, title: Title, extensions: Extensions(problems));
}
