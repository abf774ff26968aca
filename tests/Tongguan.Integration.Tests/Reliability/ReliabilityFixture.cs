using Tongguan.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>The nodes a reliability test started (all killed at the end) and its figures, printed to the test log and stdout.</summary>
internal sealed class ReliabilityNodes(ITestOutputHelper output)
{
    private readonly List<AppNode> _all = [];
    private readonly Lock _lock = new();
    private List<AppNode> _current = [];

    /// <summary>The nodes the load clients talk to now.</summary>
    public IReadOnlyList<AppNode> Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public static Dictionary<string, string> Environment(string connectionString, string scheduler) => new()
    {
        ["Tongguan__Database__Provider"] = "PostgreSql",
        ["Tongguan__Database__ConnectionString"] = connectionString,
        ["Tongguan__Database__MigrateOnStart"] = "true",
        ["Tongguan__Deadlines__Scheduler"] = scheduler,
        ["Tongguan__Deadlines__SafetySweepInterval"] = "00:00:02",
        ["Tongguan__Deadlines__PollInterval"] = "00:00:00.500",
        ["Tongguan__Audit__SealInterval"] = "00:00:00.500",
        // The load clients submit as one user far above a person's rate: test the faults, not the limiter.
        ["Tongguan__Cases__ReportsPerMinute"] = "0",
    };

    public async Task<AppNode> StartAsync(string name, Dictionary<string, string> environment, bool serve = true)
    {
        // Generous: a fresh database is migrated by the first node, and CI machines are shared.
        var node = await AppNode.StartAsync(name, environment, TimeSpan.FromSeconds(240));
        lock (_lock)
        {
            _all.Add(node);
            if (serve)
            {
                _current = [.. _current, node];
            }
        }

        return node;
    }

    public void Serve(params AppNode[] nodes)
    {
        lock (_lock)
        {
            _current = [.. nodes];
        }
    }

    public async Task KillAsync(AppNode node)
    {
        lock (_lock)
        {
            _current = [.. _current.Where(n => n != node)];
        }

        await node.KillAsync();
    }

    public string Tails()
    {
        lock (_lock)
        {
            return string.Join('\n', _all.TakeLast(3).Select(n => n.Tail(30)));
        }
    }

    /// <summary>A figure for the CI log: the test output and stdout (xUnit keeps the former only for the test's own report).</summary>
    public void Print(string line)
    {
        output.WriteLine(line);
        Console.WriteLine("[reliability] " + line);
    }

    /// <summary>Kills every node this test started (the test's DisposeAsync).</summary>
    public async Task KillAllAsync()
    {
        List<AppNode> all;
        lock (_lock)
        {
            all = [.. _all];
        }

        foreach (var node in all)
        {
            await node.DisposeAsync();
        }
    }
}
