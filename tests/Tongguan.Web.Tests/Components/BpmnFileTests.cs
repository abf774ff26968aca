using Tongguan.Designer.UI;

namespace Tongguan.Web.Tests.Components;

public sealed class BpmnFileTests
{
    private const string Definitions = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="library" isExecutable="false" />
          <bpmn:process id="street-cleaning" isExecutable="true" />
        </bpmn:definitions>
        """;

    [Fact]
    public void ExecutableProcessId_IsTheFirstExecutableProcess()
    {
        Assert.Equal("street-cleaning", BpmnFile.ExecutableProcessId(Definitions, out var error));
        Assert.Equal("", error);
    }

    [Fact]
    public void ExecutableProcessId_IsNull_WhenNoProcessIsExecutable()
    {
        Assert.Null(BpmnFile.ExecutableProcessId(Definitions.Replace("true", "false", StringComparison.Ordinal), out var error));
        Assert.Contains("isExecutable", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExecutableProcessId_IsNull_WhenTheFileIsNotXml()
    {
        Assert.Null(BpmnFile.ExecutableProcessId("<bpmn:definitions", out var error));
        Assert.NotEmpty(error);
    }
}
