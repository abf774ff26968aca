using Microsoft.AspNetCore.Components;
using Tongguan.Designer.Definitions;

namespace Tongguan.Designer.UI.Components;

public partial class ProblemList
{
    [Parameter, EditorRequired]
    public IReadOnlyList<ProblemResponse> Problems { get; set; } = [];

    /// <summary>Raised with the element id of the problem the designer picked; problems about the whole file have none.</summary>
    [Parameter]
    public EventCallback<string> OnSelectElement { get; set; }

    [Parameter]
    public DesignerText Text { get; set; } = DesignerText.ForCurrentCulture;

    internal IReadOnlyList<ProblemResponse> Ordered { get; private set; } = [];

    internal int ErrorCount { get; private set; }

    internal int WarningCount { get; private set; }

    protected override void OnParametersSet()
    {
        Ordered = Order(Problems);
        ErrorCount = Problems.Count(IsError);
        WarningCount = Problems.Count - ErrorCount;
    }

    /// <summary>Errors before warnings, then in file order (line, column), so the first thing to fix comes first.</summary>
    public static IReadOnlyList<ProblemResponse> Order(IEnumerable<ProblemResponse> problems) =>
        [.. problems.OrderBy(p => IsError(p) ? 0 : 1).ThenBy(p => p.Line).ThenBy(p => p.Column)];

    public static bool IsError(ProblemResponse problem) =>
        string.Equals(problem?.Severity, "Error", StringComparison.OrdinalIgnoreCase);

    private string Where(ProblemResponse problem)
    {
        var element = problem.ElementId is null ? Text.Whole : $"{problem.ElementType} '{problem.ElementId}'";
        return problem.Line > 0 ? $"{element}, {Text.Line} {problem.Line}" : element;
    }

    private async Task SelectAsync(ProblemResponse problem)
    {
        if (problem.ElementId is not null)
        {
            await OnSelectElement.InvokeAsync(problem.ElementId).ConfigureAwait(true);
        }
    }
}
