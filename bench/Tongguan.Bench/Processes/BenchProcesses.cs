using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Bench.Processes;

/// <summary>The BPMN files the benchmarks run, copied next to the executable by the build.</summary>
public static class BenchProcesses
{
    /// <summary>start → 5 service tasks → end; the process all three engines run.</summary>
    public const string FiveSteps = "five-steps.bpmn";

    /// <summary>start → 5 user tasks → end; Tongguan-only, the driver completes each task.</summary>
    public const string FiveUserTasks = "five-user-tasks.bpmn";

    /// <summary>start → 1 user task → end; the durable load driver's process.</summary>
    public const string HandleCase = "handle-case.bpmn";

    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Processes", fileName);

    public static string Xml(string fileName) => File.ReadAllText(PathOf(fileName));

    /// <summary>Parses the file's only process; a benchmark over a model with problems would measure nothing useful.</summary>
    public static ProcessModel Model(string fileName)
    {
        var document = BpmnReader.Read(Xml(fileName), fileName);
        if (document.HasErrors || document.Processes.Count != 1)
        {
            throw new InvalidOperationException($"{fileName} does not parse to one process: {string.Join("; ", document.Problems)}");
        }

        return document.Processes[0];
    }
}
