using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Tongguan.Bench.Processes;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;

namespace Tongguan.Bench.InMemory;

/// <summary>
/// Tongguan's in-memory executor, one complete instance (start → end) per operation, on the caller's thread:
/// no store, no queue, the state object is the instance.
/// </summary>
[Config(typeof(InMemoryBenchmarkConfig))]
public class TongguanBenchmarks
{
    private static readonly Actor Driver = new("bench-driver");

    private readonly WorkflowExecutor _executor = new(new MarkDoneHandlers(), TimeProvider.System);
    private readonly ProcessModel _fiveSteps = BenchProcesses.Model(BenchProcesses.FiveSteps);
    private readonly ProcessModel _fiveUserTasks = BenchProcesses.Model(BenchProcesses.FiveUserTasks);

    [GlobalSetup]
    public void CheckTheProcessesRunToTheEnd()
    {
        var steps = ServiceTasks().AsTask().GetAwaiter().GetResult();
        var done = Enumerable.Range(1, 5).Count(i => steps.Variables[$"step{i}Done"]?.GetValue<bool>() == true);
        if (steps.Status != InstanceStatus.Completed || done != 5)
        {
            throw new InvalidOperationException($"five-steps ended {steps.Status} with {done} of 5 steps done.");
        }

        var tasks = UserTasks().AsTask().GetAwaiter().GetResult();
        if (tasks.Status != InstanceStatus.Completed)
        {
            throw new InvalidOperationException($"five-user-tasks ended {tasks.Status}.");
        }
    }

    [Benchmark(Description = "Tongguan: 5 service tasks")]
    public async ValueTask<InstanceState> ServiceTasks()
    {
        var state = NewState(_fiveSteps);
        await _executor.StartAsync(_fiveSteps, state, null, Driver).ConfigureAwait(false);
        return state;
    }

    [Benchmark(Description = "Tongguan: 5 user tasks completed by the driver")]
    public async ValueTask<InstanceState> UserTasks()
    {
        var state = NewState(_fiveUserTasks);
        await _executor.StartAsync(_fiveUserTasks, state, null, Driver).ConfigureAwait(false);
        while (state.Status == InstanceStatus.Running && state.Bookmarks.Count > 0)
        {
            await _executor.ResumeAsync(_fiveUserTasks, state, new CompleteUserTask(state.Bookmarks[0].Id, Driver))
                .ConfigureAwait(false);
        }

        return state;
    }

    private static InstanceState NewState(ProcessModel model) => new()
    {
        Id = Guid.NewGuid(),
        DefinitionId = Guid.Empty,
        DefinitionKey = model.Id,
        DefinitionVersion = 1,
        BusinessKey = "bench",
    };

    /// <summary>The one handler of five-steps.bpmn: records <c>&lt;stepId&gt;Done = true</c>, as the other engines' steps do.</summary>
    private sealed class MarkDoneHandlers : IServiceTaskHandlerRegistry, IServiceTaskHandler
    {
        public string Name => "markDone";

        public bool TryGet(string name, out IServiceTaskHandler handler)
        {
            handler = this;
            return name == Name;
        }

        public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<JsonObject?>(new JsonObject { [context.NodeId + "Done"] = true });
    }
}
