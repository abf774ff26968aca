using System.Text.Json.Nodes;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class CandidateTests
{
    private static ProcessModel OneTask(string attributes) => ExecutorTestKit.Parse($"""
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
        <bpmn:userTask id="handle" {attributes} />
        <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
        <bpmn:endEvent id="end" />
        """);

    private static async Task<Bookmark> CreateTaskAsync(string attributes, string variables)
    {
        var kit = new ExecutorTestKit();
        await kit.StartAsync(OneTask(attributes), ExecutorTestKit.Vars(variables));
        return kit.Bookmark("handle");
    }

    [Fact]
    public async Task UserTask_ResolvesStringExpression_AsCommaSeparatedList()
    {
        var task = await CreateTaskAsync(
            """tg:candidateGroups="${'officer@' + unitId}" tg:candidateUsers="${reporters}" """,
            """{"unitId":"street-7","reporters":" li , wang ,"}""");

        Assert.Equal(["officer@street-7"], task.CandidateGroups);
        Assert.Equal(["li", "wang"], task.CandidateUsers);
    }

    [Fact]
    public async Task UserTask_ResolvesArrayVariable_AndConditionalWithCommas()
    {
        var task = await CreateTaskAsync(
            """tg:candidateGroups="${groups.verifier}, ${urgent ? 'leader@' + unitId : 'verifier@' + unitId}" """,
            """{"unitId":"d-2","urgent":true,"groups":{"verifier":["verifier@d-2","inspector@d-2"]}}""");

        Assert.Equal(["verifier@d-2", "inspector@d-2", "leader@d-2"], task.CandidateGroups);
    }

    [Fact]
    public async Task UserTask_MixesLiteralsAndExpressions_TrimmedDeduplicatedInWrittenOrder()
    {
        var task = await CreateTaskAsync(
            """tg:candidateGroups="dispatcher, ${[' officer@u1 ', 'dispatcher', '']}, #{'officer@u1'}, auditor" """,
            "{}");

        Assert.Equal(["dispatcher", "officer@u1", "auditor"], task.CandidateGroups);
    }

    [Theory]
    [InlineData("${missing}", """{"missing":null}""")]
    [InlineData("${groups.none}", """{"groups":{}}""")]
    [InlineData("${''}", "{}")]
    [InlineData("${[]}", "{}")]
    public async Task UserTask_ExpressionGivingNothing_ContributesNoCandidates(string expression, string variables)
    {
        var task = await CreateTaskAsync($"""tg:candidateGroups="{expression}" tg:candidateUsers="{expression}, zhang" """, variables);

        Assert.Null(task.CandidateGroups);
        Assert.Equal(["zhang"], task.CandidateUsers);
    }

    [Theory]
    [InlineData("tg:candidateGroups", "${level}", "a number")]
    [InlineData("tg:candidateGroups", "${groups}", "an object")]
    [InlineData("tg:candidateUsers", "${[reporter, level]}", "an array holding a number")]
    [InlineData("tg:candidateUsers", "${[reporter, nobody]}", "an array holding null")]
    [InlineData("tg:candidateGroups", "${urgent}", "a boolean")]
    public async Task UserTask_Throws_WhenExpressionGivesAnotherType(string setting, string expression, string described)
    {
        var model = OneTask($"""{setting}="{expression}" """);
        var kit = new ExecutorTestKit();

        var error = await Assert.ThrowsAsync<ExpressionException>(() => kit.StartAsync(model,
            ExecutorTestKit.Vars("""{"level":3,"urgent":false,"reporter":"li","nobody":null,"groups":{"verifier":"v"}}""")));

        Assert.Equal("handle", error.NodeId);
        Assert.Equal(expression, error.Expression);
        Assert.Contains($"{setting} of user task 'handle' gave {described}", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultiInstanceUserTask_ResolvesCandidatesPerElement()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="coHandle" />
            <bpmn:userTask id="coHandle" tg:candidateGroups="${'officer@' + department}, summoner@street-3">
              <bpmn:multiInstanceLoopCharacteristics tg:collection="departments" tg:elementVariable="department" />
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="coHandle" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"departments":["roads","water"]}"""));

        Assert.Equal(
            [["officer@roads", "summoner@street-3"], ["officer@water", "summoner@street-3"]],
            kit.State.Bookmarks.Select(b => b.CandidateGroups!.ToArray()));
    }

    [Fact]
    public async Task Migration_KeepsResolvedCandidates_WhenTargetComputesThem()
    {
        var from = OneTask("""tg:candidateGroups="${'officer@' + unitId}" tg:candidateUsers="li" """);
        var to = OneTask("""tg:candidateGroups="${'verifier@' + unitId}" tg:candidateUsers="wang, zhao" """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from, ExecutorTestKit.Vars("""{"unitId":"street-7"}"""));
        kit.State.Variables["unitId"] = JsonValue.Create("street-9");

        kit.Executor.Migrate(from, to, kit.State, new Dictionary<string, string>(), Actor.System);

        var task = kit.Bookmark("handle");
        Assert.Equal(["officer@street-7"], task.CandidateGroups);
        Assert.Equal(["wang", "zhao"], task.CandidateUsers);
    }

    [Fact]
    public async Task Migration_ReplacesResolvedCandidates_WhenTargetListIsStatic()
    {
        var from = OneTask("""tg:candidateGroups="${'officer@' + unitId}" """);
        var to = OneTask("""tg:candidateGroups="street-office" """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(from, ExecutorTestKit.Vars("""{"unitId":"street-7"}"""));

        kit.Executor.Migrate(from, to, kit.State, new Dictionary<string, string>(), Actor.System);

        Assert.Equal(["street-office"], kit.Bookmark("handle").CandidateGroups);
    }
}
