using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Tests.Execution;

/// <summary>Handlers registered by name for tests; each is a delegate over the task context.</summary>
internal sealed class TestHandlerRegistry : IServiceTaskHandlerRegistry
{
    private readonly Dictionary<string, IServiceTaskHandler> _handlers = new(StringComparer.Ordinal);

    public List<ServiceTaskContext> Calls { get; } = [];

    public TestHandlerRegistry Add(string name, Func<ServiceTaskContext, JsonObject?> run)
    {
        _handlers[name] = new DelegateHandler(name, run, Calls);
        return this;
    }

    public bool TryGet(string name, out IServiceTaskHandler handler) => _handlers.TryGetValue(name, out handler!);

    private sealed class DelegateHandler(string name, Func<ServiceTaskContext, JsonObject?> run, List<ServiceTaskContext> calls) : IServiceTaskHandler
    {
        public string Name { get; } = name;

        public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            calls.Add(context);
            return ValueTask.FromResult(run(context));
        }
    }
}

/// <summary>Parses BPMN snippets and drives one instance through the executor.</summary>
internal sealed class ExecutorTestKit
{
    public const string Header =
        """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="t">""";

    public ExecutorTestKit(TestHandlerRegistry? handlers = null, ExecutorOptions? options = null)
    {
        Handlers = handlers ?? new TestHandlerRegistry();
        Executor = new WorkflowExecutor(Handlers, Time, options);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    public TestHandlerRegistry Handlers { get; }

    public WorkflowExecutor Executor { get; }

    public InstanceState State { get; private set; } = new();

    public List<ExecutionOutcome> Outcomes { get; } = [];

    public ExecutionOutcome Last => Outcomes[^1];

    public IEnumerable<JournalEntry> Journal => Outcomes.SelectMany(o => o.Journal);

    /// <summary>Parses one process written in bpmn: elements; <paramref name="declarations"/> go before it (messages, errors).</summary>
    public static ProcessModel Parse(string processBody, string declarations = "", string processId = "p")
    {
        var xml = $"""
            {Header}
            {declarations}
            <bpmn:process id="{processId}" isExecutable="true">
            {processBody}
            </bpmn:process>
            </bpmn:definitions>
            """;
        var document = BpmnReader.Read(xml, "test.bpmn");
        Assert.False(document.HasErrors, string.Join("\n", document.Problems));
        return Assert.Single(document.Processes);
    }

    public async Task<ExecutionOutcome> StartAsync(ProcessModel model, JsonObject? variables = null, string? startEventId = null, string? businessKey = "case-1")
    {
        State = new InstanceState
        {
            Id = Guid.NewGuid(),
            DefinitionId = Guid.NewGuid(),
            DefinitionKey = model.Key,
            DefinitionVersion = 1,
            BusinessKey = businessKey,
        };
        var outcome = await Executor.StartAsync(model, State, variables, new Actor("starter"), startEventId);
        Outcomes.Add(outcome);
        return outcome;
    }

    public async Task<ExecutionOutcome> ResumeAsync(ProcessModel model, ResumeCommand command)
    {
        var outcome = await Executor.ResumeAsync(model, State, command);
        Outcomes.Add(outcome);
        return outcome;
    }

    public Bookmark Bookmark(string nodeId) => Assert.Single(State.Bookmarks, b => b.NodeId == nodeId);

    public Task<ExecutionOutcome> CompleteTaskAsync(ProcessModel model, string nodeId, JsonObject? output = null, string actor = "officer-1") =>
        ResumeAsync(model, new CompleteUserTask(Bookmark(nodeId).Id, new Actor(actor), output));

    public IEnumerable<string> Waiting => State.Bookmarks.Select(b => b.NodeId).Order(StringComparer.Ordinal);

    public IEnumerable<string> Entered => Journal.Where(j => j.EventType == JournalEventType.NodeEntered).Select(j => j.NodeId!);

    public static JsonObject Vars(string json) => JsonNode.Parse(json)!.AsObject();
}
