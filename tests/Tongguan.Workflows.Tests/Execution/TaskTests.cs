using System.Text.Json.Nodes;
using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Tests.Execution;

public sealed class TaskTests
{
    private const string Messages = """
        <bpmn:message id="reply" name="CitizenReply" />
        <bpmn:message id="notice" name="DepartmentNotice" />
        """;

    [Fact]
    public async Task UserTask_CreatesBookmarkWithAssignmentAndMergesOutputOnComplete()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <bpmn:userTask id="handle" name="Handle case" tg:candidateGroups="officer, street" tg:candidateUsers="li"
                           tg:assignee="${'grid-' + district}" tg:formKey="handle-form" />
            <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="literal" />
            <bpmn:userTask id="literal" tg:assignee="wang" />
            """);
        var kit = new ExecutorTestKit();

        var started = await kit.StartAsync(model, ExecutorTestKit.Vars("""{"district":"haidian"}"""));

        var task = kit.Bookmark("handle");
        Assert.Equal(BookmarkKind.UserTask, task.Kind);
        Assert.Equal("Handle case", task.TaskName);
        Assert.Equal(["officer", "street"], task.CandidateGroups);
        Assert.Equal(["li"], task.CandidateUsers);
        Assert.Equal("grid-haidian", task.Assignee);
        Assert.Equal("handle-form", task.FormKey);
        Assert.Contains(task, started.AddedBookmarks);
        Assert.Contains(started.Journal, j => j is { EventType: JournalEventType.TaskCreated, NodeId: "handle" });

        var completed = await kit.CompleteTaskAsync(model, "handle", ExecutorTestKit.Vars("""{"resolved":true}"""), actor: "officer-7");

        Assert.True(kit.State.Variables["resolved"]!.GetValue<bool>());
        Assert.Contains(task, completed.RemovedBookmarks);
        var entry = Assert.Single(completed.Journal, j => j.EventType == JournalEventType.TaskCompleted);
        Assert.Equal("officer-7", entry.ActorId);
        Assert.Equal("wang", kit.Bookmark("literal").Assignee);
    }

    [Fact]
    public async Task CompleteUserTask_ThrowsBookmarkNotFound_WhenTaskAlreadyCompleted()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <bpmn:userTask id="handle" />
            <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="next" />
            <bpmn:userTask id="next" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var bookmarkId = kit.Bookmark("handle").Id;
        await kit.ResumeAsync(model, new CompleteUserTask(bookmarkId, new Actor("a")));

        var error = await Assert.ThrowsAsync<BookmarkNotFoundException>(() => kit.ResumeAsync(model, new CompleteUserTask(bookmarkId, new Actor("b"))));

        Assert.Equal(bookmarkId, error.BookmarkId);
    }

    [Fact]
    public async Task SyncServiceTask_CallsHandlerInline_AndMergesOutput()
    {
        var handlers = new TestHandlerRegistry().Add("geocode", c => new JsonObject { ["grid"] = "G-" + c.Variables["address"]!.GetValue<string>() });
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="locate" />
            <bpmn:serviceTask id="locate" name="Locate" tg:handler="geocode" tg:area="north" />
            <bpmn:sequenceFlow id="f2" sourceRef="locate" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit(handlers);

        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"address":"12"}"""));

        Assert.Equal("G-12", kit.State.Variables["grid"]!.GetValue<string>());
        Assert.Equal(InstanceStatus.Completed, kit.State.Status);
        var call = Assert.Single(handlers.Calls);
        Assert.Equal("locate", call.NodeId);
        Assert.Equal("case-1", call.BusinessKey);
        Assert.Equal("north", call.Extensions["area"]);
    }

    [Fact]
    public async Task SyncServiceTask_Throws_WhenHandlerIsNotRegistered()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="locate" />
            <bpmn:serviceTask id="locate" tg:handler="missing" />
            """);
        var kit = new ExecutorTestKit();

        var error = await Assert.ThrowsAsync<ServiceTaskHandlerNotFoundException>(() => kit.StartAsync(model));

        Assert.Equal("missing", error.HandlerName);
    }

    [Fact]
    public async Task SyncServiceTask_TechnicalFailurePropagates()
    {
        var handlers = new TestHandlerRegistry().Add("broken", _ => throw new InvalidOperationException("database down"));
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
            <bpmn:serviceTask id="call" tg:handler="broken" />
            """);
        var kit = new ExecutorTestKit(handlers);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => kit.StartAsync(model));

        Assert.Equal("database down", error.Message);
    }

    [Fact]
    public async Task AsyncServiceTask_CreatesJob_AndCompleteJobMergesOutput()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
            <bpmn:serviceTask id="notify" tg:handler="sms" tg:async="true" tg:retries="5" />
            <bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);
        var job = kit.Bookmark("notify");
        Assert.Equal(BookmarkKind.Job, job.Kind);
        Assert.Equal("sms", job.Handler);
        Assert.Equal(5, job.RetriesLeft);

        await kit.ResumeAsync(model, new CompleteJob(job.Id, Actor.System, ExecutorTestKit.Vars("""{"sent":1}""")));

        Assert.Equal(1, kit.State.Variables["sent"]!.GetValue<int>());
        Assert.Equal(InstanceStatus.Completed, kit.State.Status);
    }

    [Fact]
    public async Task SendTask_WithoutHandler_EmitsOutboundMessageKeyedByCorrelationExpression()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
            <bpmn:sendTask id="tell" messageRef="notice" tg:correlationKey="${caseNo}" tg:payload="${({ text: note })}" />
            <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="tellDefault" />
            <bpmn:sendTask id="tellDefault" messageRef="notice" />
            """, Messages);
        var kit = new ExecutorTestKit();

        var outcome = await kit.StartAsync(model, ExecutorTestKit.Vars("""{"caseNo":"C-9","note":"hi"}"""), businessKey: "BK");

        Assert.Equal(2, outcome.Messages.Count);
        Assert.Equal(("DepartmentNotice", "C-9", "tell"), (outcome.Messages[0].MessageName, outcome.Messages[0].CorrelationKey, outcome.Messages[0].SourceNodeId));
        Assert.Equal("hi", outcome.Messages[0].Payload!["text"]!.GetValue<string>());
        Assert.Equal("BK", outcome.Messages[1].CorrelationKey);
    }

    [Fact]
    public async Task SendTask_WithHandler_CallsHandler()
    {
        var handlers = new TestHandlerRegistry().Add("mail", _ => new JsonObject { ["mailed"] = true });
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
            <bpmn:sendTask id="tell" tg:handler="mail" />
            """);
        var kit = new ExecutorTestKit(handlers);

        var outcome = await kit.StartAsync(model);

        Assert.Empty(outcome.Messages);
        Assert.True(kit.State.Variables["mailed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ScriptTask_StoresCompletionValueAndSetVariable()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="score" />
            <bpmn:scriptTask id="score" scriptFormat="javascript" tg:resultVariable="total">
              <bpmn:script>setVariable('doubled', amount * 2); amount + 1</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:sequenceFlow id="f2" sourceRef="score" targetRef="wait" />
            <bpmn:userTask id="wait" />
            """);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model, ExecutorTestKit.Vars("""{"amount":20}"""));

        Assert.Equal(21, kit.State.Variables["total"]!.GetValue<long>());
        Assert.Equal(40, kit.State.Variables["doubled"]!.GetValue<long>());
    }

    [Fact]
    public async Task ReceiveTask_WaitsForMessage_CorrelatedByBusinessKey()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="await" />
            <bpmn:receiveTask id="await" messageRef="reply" />
            <bpmn:sequenceFlow id="f2" sourceRef="await" targetRef="end" />
            <bpmn:endEvent id="end" />
            """, Messages);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model, businessKey: "BK-7");
        var bookmark = kit.Bookmark("await");
        Assert.Equal((BookmarkKind.Message, "CitizenReply", "BK-7"), (bookmark.Kind, bookmark.MessageName, bookmark.CorrelationKey));

        var outcome = await kit.ResumeAsync(model, new DeliverMessage(bookmark.Id, new Actor("citizen"), ExecutorTestKit.Vars("""{"rating":5}""")));

        Assert.Equal(5, kit.State.Variables["rating"]!.GetValue<int>());
        Assert.Contains(outcome.Journal, j => j is { EventType: JournalEventType.MessageReceived, NodeId: "await" });
        Assert.Equal(InstanceStatus.Completed, kit.State.Status);
    }

    [Fact]
    public async Task PlainTask_PassesThrough()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="note" />
            <bpmn:task id="note" />
            <bpmn:sequenceFlow id="f2" sourceRef="note" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit();

        await kit.StartAsync(model);

        Assert.Equal(InstanceStatus.Completed, kit.State.Status);
        Assert.Equal(["start", "note", "end"], kit.Entered);
    }

    [Fact]
    public async Task Resume_ThrowsInstanceNotRunning_WhenInstanceEnded()
    {
        var model = ExecutorTestKit.Parse("""
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
            <bpmn:endEvent id="end" />
            """);
        var kit = new ExecutorTestKit();
        await kit.StartAsync(model);

        await Assert.ThrowsAsync<InstanceNotRunningException>(() => kit.ResumeAsync(model, new CompleteUserTask("x", Actor.System)));
    }
}
