using Tongguan.Workflows.Validation;
using static Tongguan.Workflows.Tests.Validation.ValidationAssert;

namespace Tongguan.Workflows.Tests.Validation;

public sealed class CandidateRulesTests
{
    private static ValidationResult Step(string activity) => Process(
        $"""
        <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="x" />
        {activity}
        <sequenceFlow id="f2" sourceRef="x" targetRef="e" /><endEvent id="e" />
        """);

    [Fact]
    public void Validate_ReportsCandidateGroupExpressionThatDoesNotParse_WithLineAndColumn()
    {
        var result = Step("""<userTask id="x" tg:candidateGroups="dispatcher, ${'officer@' + }" />""");

        var problem = Single(result, ValidationCodes.ExpressionSyntax, "x");
        Assert.Contains("tg:candidateGroups of", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at line 1, column 13", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'officer@' +", problem.Message, StringComparison.Ordinal);
        None(result, ValidationCodes.UserTaskWithoutAssignment);
    }

    [Fact]
    public void Validate_ReportsCandidateUserExpressionThatDoesNotParse()
    {
        var problem = Single(Step("""<userTask id="x" tg:candidateUsers="#{[reporter, ]]}" />"""), ValidationCodes.ExpressionSyntax, "x");

        Assert.Contains("tg:candidateUsers of", problem.Message, StringComparison.Ordinal);
        Assert.Contains("column", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<userTask id="x" tg:candidateGroups="${}" />""", "tg:candidateGroups")]
    [InlineData("""<userTask id="x" tg:candidateUsers="li, #{ }" />""", "tg:candidateUsers")]
    public void Validate_ReportsEmptyCandidateExpression(string activity, string setting)
    {
        var problem = Single(Step(activity), ValidationCodes.EmptyExpression, "x");

        Assert.StartsWith(setting, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<userTask id="x" tg:candidateGroups="officer@${unitId}" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="${'officer@' + unitId" />""")]
    public void Validate_ReportsCandidateItemThatIsNotOneWholeExpression(string activity)
    {
        var problem = Single(Step(activity), ValidationCodes.ExpressionSyntax, "x");

        Assert.Contains("neither a name nor one whole", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<userTask id="x" tg:candidateGroups="${'officer@' + unitId}" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="${groups.verifier}" />""")]
    [InlineData("""<userTask id="x" tg:candidateGroups="dispatcher, ${urgent ? 'leader@' + unitId : 'verifier@' + unitId}" />""")]
    [InlineData("""<userTask id="x" tg:candidateUsers="${[reporter, 'zhang.wei']}" />""")]
    public void Validate_AcceptsCandidateExpressions_AsAssignment(string activity)
    {
        Clean(Step(activity));
    }
}
