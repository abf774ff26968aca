using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;
using static Tongguan.Workflows.Tests.Validation.ValidationAssert;

namespace Tongguan.Workflows.Tests.Validation;

public sealed class CategoryLimitsRulesTests
{
    private static ValidationResult Task(string attributes) => Process(
        $"""
        <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
        <userTask id="x" tg:candidateGroups="o" {attributes} />
        <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
        """);

    [Fact]
    public void Reader_CarriesCategoryLimits_AsAnExtensionOfTheTask()
    {
        var result = Task("""tg:step="handle" tg:timeLimit="P3D" tg:categoryLimits="S0102=P2D; S0501=P1DT3H30M" """);

        Clean(result);
        var task = result.Document.Processes.Single().Nodes["x"];
        Assert.Equal("S0102=P2D; S0501=P1DT3H30M", task.Extensions[CategoryLimitsSyntax.Name]);
    }

    [Fact]
    public void TryParse_ReadsEntriesInOrder_IgnoringSpacesAndATrailingSemicolon()
    {
        Assert.True(CategoryLimitsSyntax.TryParse(" S0102 = P2D ;S0501=P1DT3H30M; ", businessTime: true, out var limits, out var problem));

        Assert.Null(problem);
        Assert.Equal([new CategoryLimit("S0102", "P2D"), new CategoryLimit("S0501", "P1DT3H30M")], limits);
        Assert.Equal("S0102=P2D; S0501=P1DT3H30M", CategoryLimitsSyntax.Format(limits));
    }

    [Theory]
    [InlineData("")]
    [InlineData("S0102")]
    [InlineData("S0102=")]
    [InlineData("=P2D")]
    [InlineData("S 0102=P2D")]
    [InlineData("S0102=P2D; S0102=P3D")]
    [InlineData("S0102=two days")]
    [InlineData("S0102=P1M")]
    [InlineData("S0102=P1Y")]
    [InlineData("S0102=P1W")]
    [InlineData("S0102=-P1D")]
    public void TryParse_RefusesBadSyntaxAndBadDurations_SayingWhy(string text)
    {
        Assert.False(CategoryLimitsSyntax.TryParse(text, businessTime: true, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void TryParse_AllowsWeeks_OnlyInNaturalTime()
    {
        Assert.True(CategoryLimitsSyntax.TryParse("S0102=P1W", businessTime: false, out _, out _));
        Assert.False(CategoryLimitsSyntax.TryParse("S0102=P1W", businessTime: true, out _, out _));
    }

    [Theory]
    [InlineData("""tg:step="handle" tg:categoryLimits="S0102=P2D;S0501" """, "S0501")]
    [InlineData("""tg:step="handle" tg:categoryLimits="S0102=P1M" """, "years and months")]
    [InlineData("""tg:step="handle" tg:timeLimit="P3D" tg:categoryLimits="S0102=P2W" """, "week")]
    [InlineData("""tg:step="handle" tg:categoryLimits="S0102=P2D; S0102=P1D" """, "twice")]
    public void Validate_ReportsBadCategoryLimits_WithElementLineAndColumn(string attributes, string reason)
    {
        var problem = Single(Task(attributes), ValidationCodes.InvalidExtensionValue, "x");

        Assert.Equal("TG0602", problem.Code);
        Assert.Equal(5, problem.Line);
        Assert.Contains("tg:categoryLimits", problem.Message, StringComparison.Ordinal);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsWeeksInCategoryLimits_WhenTheTaskCountsNaturalTime()
    {
        Clean(Task("""tg:step="handle" tg:timeLimit="P3D" tg:calendar="natural" tg:categoryLimits="S0102=P1W" """));
    }

    [Fact]
    public void Validate_WarnsAboutCategoryLimitsWithoutStep_ButStillPublishes()
    {
        var result = Task("""tg:timeLimit="P3D" tg:categoryLimits="S0102=P2D" """);

        var problem = Single(result, ValidationCodes.MisplacedExtensionAttribute, "x", ProblemSeverity.Warning);
        Assert.Equal("TG0603", problem.Code);
        Assert.Contains("tg:step", problem.Message, StringComparison.Ordinal);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_WarnsAboutCategoryLimitsOnOtherElements()
    {
        var result = Process("""
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
            <serviceTask id="x" tg:handler="h" tg:categoryLimits="S0102=P2D" />
            <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
            """);

        Single(result, ValidationCodes.MisplacedExtensionAttribute, "x", ProblemSeverity.Warning);
        None(result, ValidationCodes.UnknownExtensionAttribute);
    }
}
