using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Tests.Parsing;

public sealed class CandidateListTests
{
    [Theory]
    [InlineData("officer, street-office", new[] { "officer", "street-office" })]
    [InlineData(" officer ,, ", new[] { "officer" })]
    [InlineData("${a ? 'x@1' : 'y@2'}", new[] { "${a ? 'x@1' : 'y@2'}" })]
    [InlineData("${[a, b]}, leader@city", new[] { "${[a, b]}", "leader@city" })]
    [InlineData("dispatcher, #{groups.verifier}, ${'officer@' + unitId}", new[] { "dispatcher", "#{groups.verifier}", "${'officer@' + unitId}" })]
    [InlineData("${{ a: 1, b: 2 }.a ? 'x' : 'y'}, z", new[] { "${{ a: 1, b: 2 }.a ? 'x' : 'y'}", "z" })]
    [InlineData("${'a}, b' + c}, d", new[] { "${'a}, b' + c}", "d" })]
    [InlineData("${'it\\'s, here'}, e", new[] { "${'it\\'s, here'}", "e" })]
    [InlineData("${unclosed, rest", new[] { "${unclosed, rest" })]
    public void Split_KeepsCommasInsideExpressions(string text, string[] expected)
    {
        Assert.Equal(expected, CandidateList.Split(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void Split_GivesNothing_ForBlankText(string? text)
    {
        Assert.Empty(CandidateList.Split(text));
    }

    [Fact]
    public void Read_KeepsExpressionItemsWholeOnTheUserTask()
    {
        var document = BpmnReader.Read("""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="t">
              <process id="p" isExecutable="true">
                <userTask id="verify" tg:candidateGroups="${urgent ? 'leader@' + unitId : 'verifier@' + unitId}, inspector"
                          tg:candidateUsers="${[reporter, 'zhang.wei']}" />
              </process>
            </definitions>
            """, "test.bpmn");

        var task = Assert.IsType<TaskNode>(Assert.Single(document.Processes).Nodes["verify"]);
        Assert.Equal(["${urgent ? 'leader@' + unitId : 'verifier@' + unitId}", "inspector"], task.CandidateGroups);
        Assert.Equal(["${[reporter, 'zhang.wei']}"], task.CandidateUsers);
    }
}
