using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Tongguan.Bench.InMemory;

/// <summary>
/// WorkflowCore 3.22 with its in-memory persistence and single-node queue, hosted through <c>AddWorkflow()</c>.
/// WorkflowCore runs instances on its own worker threads, so one operation is a batch: start
/// <see cref="InstancesPerBatch"/> instances and wait (no polling, no sleeps) until its lifecycle publisher has
/// reported every one of them completed. The per-operation time BenchmarkDotNet reports is per instance.
/// </summary>
/// <remarks>
/// Every iteration gets a fresh host: WorkflowCore's <c>MemoryPersistenceProvider</c> keeps every instance in a
/// list it scans linearly, so a long-lived host would get slower with every iteration and penalise WorkflowCore for
/// a demo store's limits rather than measure its engine.
/// </remarks>
[Config(typeof(InMemoryBenchmarkConfig))]
public class WorkflowCoreBenchmarks
{
    public const int InstancesPerBatch = 1000;

    private ServiceProvider? _services;
    private IWorkflowHost? _host;
    private int _completed;
    private int _target;
    private TaskCompletionSource _allCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [GlobalSetup]
    public void CheckTheWorkflowRunsToTheEnd()
    {
        StartHost();
        try
        {
            var data = new FiveStepsData();
            RunBatch([data]).GetAwaiter().GetResult();
            if (data.Done.Count != 5)
            {
                throw new InvalidOperationException($"WorkflowCore ran {data.Done.Count} of 5 steps.");
            }
        }
        finally
        {
            StopHost();
        }
    }

    [IterationSetup]
    public void StartHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        _services = services.BuildServiceProvider();
        _host = _services.GetRequiredService<IWorkflowHost>();
        _host.RegisterWorkflow<FiveStepsWorkflow, FiveStepsData>();
        _host.OnLifeCycleEvent += OnLifeCycleEvent;
        _host.Start();
    }

    [IterationCleanup]
    public void StopHost()
    {
        if (_host is not null)
        {
            _host.OnLifeCycleEvent -= OnLifeCycleEvent;
            _host.Stop();
        }

        _services?.Dispose();
        _host = null;
        _services = null;
    }

    [Benchmark(Description = "WorkflowCore 3.22: 5 steps", OperationsPerInvoke = InstancesPerBatch)]
    public Task Batch() => RunBatch(Enumerable.Range(0, InstancesPerBatch).Select(_ => new FiveStepsData()).ToArray());

    private async Task RunBatch(FiveStepsData[] batch)
    {
        var host = _host ?? throw new InvalidOperationException("The host is not started.");
        _completed = 0;
        _target = batch.Length;
        _allCompleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var data in batch)
        {
            await host.StartWorkflow(FiveStepsWorkflow.WorkflowId, 1, data).ConfigureAwait(false);
        }

        // A generous bound: a hung engine must fail the run rather than hang it.
        await _allCompleted.Task.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
    }

    private void OnLifeCycleEvent(LifeCycleEvent evt)
    {
        if (evt is WorkflowCompleted && Interlocked.Increment(ref _completed) == _target)
        {
            _allCompleted.TrySetResult();
        }
    }

    public sealed class FiveStepsData
    {
        // Steps of one instance run one after another, but on WorkflowCore's worker threads.
        public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Done { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The same wait-free work as Tongguan's handler: record "&lt;stepId&gt;Done = true" on the instance's data.</summary>
    public sealed class MarkDone : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            ((FiveStepsData)context.Workflow.Data).Done[context.Step.Name + "Done"] = true;
            return ExecutionResult.Next();
        }
    }

    public sealed class FiveStepsWorkflow : IWorkflow<FiveStepsData>
    {
        public const string WorkflowId = "fiveSteps";

        public string Id => WorkflowId;

        public int Version => 1;

        public void Build(IWorkflowBuilder<FiveStepsData> builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder
                .StartWith<MarkDone>().Name("step1")
                .Then<MarkDone>().Name("step2")
                .Then<MarkDone>().Name("step3")
                .Then<MarkDone>().Name("step4")
                .Then<MarkDone>().Name("step5");
        }
    }
}
