using Tongguan.Designer.UI.Diff;

namespace Tongguan.Web.Tests.Components.Editor;

public sealed class ProcessDiffTests
{
    private const string Head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                          xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="https://tongguan.dev/definitions">
          <bpmn:process id="p" name="P" isExecutable="true">
        """;

    private const string Tail = """
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Process(string body, string diagram = "") =>
        Head + body + Tail.Replace("</bpmn:definitions>", diagram + "</bpmn:definitions>", StringComparison.Ordinal);

    private static readonly string Original = Process("""
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
        <bpmn:userTask id="review" name="Review" tg:candidateGroups="officers" tg:timeLimit="P2D" />
        <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
        <bpmn:endEvent id="end" />
        """);

    private static IReadOnlyList<ElementChange> Compare(string from, string to)
    {
        var changes = ProcessDiff.Compare(from, to, "p", out var error);
        Assert.True(changes is not null, error);
        return changes;
    }

    [Fact]
    public void Compare_FindsNothing_WhenOnlyTheLayoutDiffers()
    {
        var laidOut = Original.Replace("</bpmn:definitions>", """
              <bpmndi:BPMNDiagram id="di"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
                <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="10" y="20" width="100" height="80" /></bpmndi:BPMNShape>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """, StringComparison.Ordinal);

        Assert.Empty(Compare(Original, laidOut));
    }

    [Fact]
    public void Compare_ReportsAChangedTimeLimit_AsAChangedTongguanAttribute()
    {
        var changes = Compare(Original, Original.Replace("tg:timeLimit=\"P2D\"", "tg:timeLimit=\"P3D\"", StringComparison.Ordinal));

        var change = Assert.Single(changes);
        Assert.Equal(("review", ChangeKind.Changed, "userTask", "Review"), (change.ElementId, change.Kind, change.ElementType, change.Name));
        Assert.Equal([new PropertyChange("tg:timeLimit", "P2D", "P3D")], change.Properties);
    }

    [Fact]
    public void Compare_ReportsAnAddedTaskItsFlowsAndTheRedirectedFlow()
    {
        var extended = Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review" tg:candidateGroups="officers" tg:timeLimit="P2D" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
            <bpmn:userTask id="approve" name="Approve" tg:candidateGroups="leaders" />
            <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);

        var changes = Compare(Original, extended);

        Assert.Equal(
            [("approve", ChangeKind.Added), ("f2", ChangeKind.Changed), ("f3", ChangeKind.Added)],
            changes.Select(c => (c.ElementId, c.Kind)).OrderBy(c => c.ElementId, StringComparer.Ordinal));
        Assert.Equal([new PropertyChange("target", "end", "approve")], changes.Single(c => c.ElementId == "f2").Properties);
        var added = changes.Single(c => c.ElementId == "approve");
        Assert.Contains(new PropertyChange("tg:candidateGroups", null, "leaders"), added.Properties);
        Assert.Contains(new PropertyChange("name", null, "Approve"), added.Properties);
    }

    [Fact]
    public void Compare_ReportsRemovedElements_WithWhatTheyHad()
    {
        var shortened = Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);

        var changes = Compare(Original, shortened);

        Assert.Equal(["f1", "review", "f2"], changes.Select(c => c.ElementId));
        Assert.Equal([ChangeKind.Changed, ChangeKind.Removed, ChangeKind.Removed], changes.Select(c => c.Kind));
        Assert.Contains(new PropertyChange("tg:timeLimit", "P2D", null), changes[1].Properties);
    }

    [Fact]
    public void Compare_ReportsRenamesTypeChangesAndConditions()
    {
        var from = Process("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
            <bpmn:exclusiveGateway id="check" default="f3" />
            <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end"><bpmn:conditionExpression>amount &gt; 10</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end" />
            <bpmn:endEvent id="end" name="Done" />
            """);
        var to = from
            .Replace("amount &gt; 10", "amount &gt; 20", StringComparison.Ordinal)
            .Replace("name=\"Done\"", "name=\"Finished\"", StringComparison.Ordinal)
            .Replace("<bpmn:exclusiveGateway id=\"check\" default=\"f3\" />", "<bpmn:inclusiveGateway id=\"check\" default=\"f3\" />", StringComparison.Ordinal);

        var changes = Compare(from, to).ToDictionary(c => c.ElementId);

        Assert.Equal(["check", "end", "f2"], changes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([new PropertyChange("type", "exclusiveGateway", "inclusiveGateway")], changes["check"].Properties);
        Assert.Equal([new PropertyChange("name", "Done", "Finished")], changes["end"].Properties);
        Assert.Equal([new PropertyChange("condition", "amount > 10", "amount > 20")], changes["f2"].Properties);
    }

    [Fact]
    public void Compare_ReturnsNullWithAReason_WhenAVersionHasNoReadableProcess()
    {
        var changes = ProcessDiff.Compare(Original, "<not-bpmn", "p", out var error);

        Assert.Null(changes);
        Assert.Contains("second", error, StringComparison.Ordinal);
    }
}
