using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class EventTests
{
    private const string Messages = """
        <bpmn:message id="m1" name="Reply" />
        """;

    [Theory]
    [InlineData("timeDuration", "PT4H", "2026-05-01T12:00:00+00:00", null)]
    [InlineData("timeDate", "2026-06-01T09:00:00+08:00", "2026-06-01T01:00:00+00:00", null)]
    [InlineData("timeCycle", "R3/PT10M", "2026-05-01T08:10:00+00:00", 3)]
    public async Task TimerCatch_ComputesDueAtFromTheClock(string form, string text, string expectedDue, int? repeats)
    {
        var model = ExecutorTestKit.Parse($"""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:{form}>{text}</bpmn:{form}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
            <bpmn:userTask id="after" />
            """);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model);

        var timer = kit.Bookmark("wait");
        Assert.Equal(BookmarkKind.Timer, timer.Kind);
        Assert.Equal(DateTimeOffset.Parse(expectedDue, System.Globalization.CultureInfo.InvariantCulture), timer.DueAt);
        Assert.Equal(repeats, timer.RemainingRepeats);
    }

    [Fact]
    public async Task TimerCatch_ContinuesWhenFired()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>${'PT' + hours + 'H'}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
            <bpmn:userTask id="after" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"hours":2}"""));
        var timer = kit.Bookmark("wait");
        Assert.Equal(kit.Time.GetUtcNow().AddHours(2), timer.DueAt);

        kit.Time.Advance(TimeSpan.FromHours(2));
        var outcome = await kit.ResumeAsync(model, new FireTimer(timer.Id, Actor.System));

        Assert.Equal(["after"], kit.Waiting);
        var fired = Assert.Single(outcome.Journal, j => j.EventType == JournalEventType.TimerFired);
        Assert.Equal(kit.Time.GetUtcNow(), fired.At);
    }

    [Fact]
    public async Task MessageCatch_UsesCorrelationKeyExpression_AndMergesPayload()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait" tg:correlationKey="${'ticket-' + ticket}"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
            <bpmn:userTask id="after" />
            """, Messages);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"ticket":42}"""));
        var bookmark = kit.Bookmark("wait");
        Assert.Equal(("Reply", "ticket-42"), (bookmark.MessageName, bookmark.CorrelationKey));

        await kit.ResumeAsync(model, new DeliverMessage(bookmark.Id, new Actor("gateway"), ExecutorTestKit.Vars("""{"answer":"yes"}""")));

        Assert.Equal("yes", kit.State.Variables["answer"]!.GetValue<string>());
        Assert.Equal(["after"], kit.Waiting);
    }

    [Fact]
    public async Task Resume_Throws_WhenCommandDoesNotFitBookmark()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:intermediateCatchEvent>
            """, Messages);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await Assert.ThrowsAsync<WorkflowException>(() => kit.ResumeAsync(model, new FireTimer(kit.Bookmark("wait").Id, Actor.System)));
    }

    private static string Boundary(string cancel, string definition) => $"""
        <bpmn:startEvent id="start" />
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
        <bpmn:userTask id="handle" />
        <bpmn:boundaryEvent id="edge" attachedToRef="handle" cancelActivity="{cancel}">{definition}</bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="done" />
        <bpmn:sequenceFlow id="f3" sourceRef="edge" targetRef="escalate" />
        <bpmn:userTask id="done" />
        <bpmn:userTask id="escalate" />
        """;

    private const string TimerDefinition = "<bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>";
    private const string MessageDefinition = "<bpmn:messageEventDefinition messageRef=\"m1\" />";

    [Fact]
    public async Task InterruptingTimerBoundary_CancelsTask_AndContinuesFromBoundary()
    {
        var model = ExecutorTestKit.Parse(Boundary("true", TimerDefinition));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var task = kit.Bookmark("handle");
        var timer = kit.Bookmark("edge");
        Assert.Equal(task.ExecutionId, timer.AttachedToExecutionId);
        Assert.Equal(kit.Time.GetUtcNow().AddDays(2), timer.DueAt);

        var outcome = await kit.ResumeAsync(model, new FireTimer(timer.Id, Actor.System));

        Assert.Equal(["escalate"], kit.Waiting);
        Assert.Contains(task, outcome.RemovedBookmarks);
        Assert.Contains(outcome.Journal, j => j is { EventType: JournalEventType.NodeCancelled, NodeId: "handle" });
    }

    [Fact]
    public async Task Boundary_IsRemoved_WhenActivityCompletes()
    {
        var model = ExecutorTestKit.Parse(Boundary("true", TimerDefinition));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var timer = kit.Bookmark("edge");

        var outcome = await kit.CompleteTaskAsync(model, "handle");

        Assert.Equal(["done"], kit.Waiting);
        Assert.Contains(timer, outcome.RemovedBookmarks);
    }

    [Fact]
    public async Task NonInterruptingTimerBoundary_ForksToken_AndTaskStays()
    {
        var model = ExecutorTestKit.Parse(Boundary("false", TimerDefinition));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await kit.ResumeAsync(model, new FireTimer(kit.Bookmark("edge").Id, Actor.System));

        Assert.Equal(["escalate", "handle"], kit.Waiting);
        Assert.Equal(2, kit.State.Executions.Count);
    }

    [Fact]
    public async Task NonInterruptingCycleBoundary_RearmsWhileRepeatsRemain()
    {
        var model = ExecutorTestKit.Parse(Boundary("false",
            "<bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>"));
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var first = kit.Bookmark("edge");
        Assert.Equal(2, first.RemainingRepeats);

        await kit.ResumeAsync(model, new FireTimer(first.Id, Actor.System));
        var second = kit.Bookmark("edge");
        Assert.Equal((1, first.DueAt!.Value.AddHours(1)), (second.RemainingRepeats!.Value, second.DueAt!.Value));

        await kit.ResumeAsync(model, new FireTimer(second.Id, Actor.System));

        Assert.DoesNotContain(kit.State.Bookmarks, b => b.NodeId == "edge");
        Assert.Equal(2, kit.State.Bookmarks.Count(b => b.NodeId == "escalate"));
    }

    [Fact]
    public async Task InterruptingMessageBoundary_CancelsTask()
    {
        var model = ExecutorTestKit.Parse(Boundary("true", MessageDefinition), Messages);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, businessKey: "BK");
        var message = kit.Bookmark("edge");
        Assert.Equal(("Reply", "BK"), (message.MessageName, message.CorrelationKey));

        await kit.ResumeAsync(model, new DeliverMessage(message.Id, new Actor("citizen")));

        Assert.Equal(["escalate"], kit.Waiting);
    }

    [Fact]
    public async Task NonInterruptingMessageBoundary_KeepsTaskAndStaysArmed()
    {
        var model = ExecutorTestKit.Parse(Boundary("false", MessageDefinition), Messages);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await kit.ResumeAsync(model, new DeliverMessage(kit.Bookmark("edge").Id, new Actor("citizen")));

        Assert.Equal(["edge", "escalate", "handle"], kit.Waiting);
    }
}
