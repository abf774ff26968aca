using System.Diagnostics;
using System.Net;
using Tongguan.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// A node started while its PostgreSQL is down (a cluster of the test's own, stopped) waits for it instead of exiting,
/// logs each attempt once without the connection string's password, and serves once the server is started a few
/// seconds later — nobody restarts the node. With a short Tongguan:Database:StartupTimeout it gives up with a clear
/// message instead.
/// </summary>
[Collection(nameof(ReliabilityTests))]
public sealed class DatabaseStartupTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Secret = "startup-secret-7";

    private readonly List<AppNode> _started = [];
    private PrivatePostgresCluster? _cluster;

    public async Task InitializeAsync()
    {
        _cluster = await PrivatePostgresCluster.StartAsync();
        await _cluster.StopAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _started)
        {
            await node.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private Dictionary<string, string> Environment(string timeout)
    {
        // The trust cluster ignores the password; it is there to prove that it never reaches the log.
        var environment = ReliabilityNodes.Environment(_cluster!.ConnectionString + ";Password=" + Secret, "Quartz");
        environment["Tongguan__Database__StartupTimeout"] = timeout;
        environment["Tongguan__Database__StartupRetryMaxDelay"] = "00:00:02";
        return environment;
    }

    private static List<string> AttemptLines(AppNode node) =>
        [.. node.Output.Where(l => l.Contains("database unreachable at start", StringComparison.Ordinal))];

    [Fact]
    public async Task NodeStartedWhileTheDatabaseIsDown_WaitsForIt_AndServesOnceItIsUp()
    {
        var clock = Stopwatch.StartNew();
        AppNode? launched = null;
        var starting = AppNode.StartAsync("waiting", Environment("00:04:00"), TimeSpan.FromSeconds(300), n =>
        {
            lock (_started)
            {
                _started.Add(n);
            }

            launched = n;
        });

        // The node must be alive and retrying for a while before the server comes.
        while (clock.Elapsed < TimeSpan.FromSeconds(150) && (launched is null || AttemptLines(launched).Count < 3) && !starting.IsCompleted)
        {
            await Task.Delay(250);
        }

        Assert.False(starting.IsCompleted, $"The node did not wait for the database: {starting.Exception?.GetBaseException().Message}");
        Assert.True(AttemptLines(launched!).Count >= 3, "The node did not log its attempts to reach the database.\n" + launched!.Tail());
        var down = clock.Elapsed;
        await _cluster!.StartServerAsync();
        var up = clock.Elapsed;

        var node = await starting;
        var ready = clock.Elapsed;
        using var cases = await node.Client.GetAsync("/api/cases");
        var attempts = AttemptLines(node);
        var line = $"node waited {down.TotalSeconds:0.0} s with the database down ({attempts.Count} attempts logged), " +
            $"signed in {(ready - up).TotalSeconds:0.0} s after the server was started; GET /api/cases {(int)cases.StatusCode}";
        output.WriteLine(line);
        Console.WriteLine("[reliability] " + line);

        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.False(node.HasExited);
        Assert.DoesNotContain(node.Output, l => l.Contains(Secret, StringComparison.Ordinal));
        // Each attempt is numbered and logged once.
        var numbers = attempts.Select(l => l[l.IndexOf("(attempt ", StringComparison.Ordinal)..].Split(',')[0]).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(node.Output, l => l.Contains("database reached at attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NodeWhoseDatabaseStaysDown_ExitsAfterTheStartupTimeout_WithAClearMessage()
    {
        var clock = Stopwatch.StartNew();
        AppNode? launched = null;
        await Assert.ThrowsAsync<InvalidOperationException>(() => AppNode.StartAsync("giving-up", Environment("00:00:04"), TimeSpan.FromSeconds(240), n =>
        {
            lock (_started)
            {
                _started.Add(n);
            }

            launched = n;
        }));

        // The process has exited; its last lines may still be on their way through the pipe.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var printed = string.Join('\n', launched!.Output);
        output.WriteLine($"gave up after {clock.Elapsed.TotalSeconds:0.0} s (including the process start), {AttemptLines(launched).Count} attempts logged");
        Assert.True(launched.HasExited);
        Assert.Contains("could not be reached within Tongguan:Database:StartupTimeout", printed, StringComparison.Ordinal);
        Assert.Contains("database unreachable at start (attempt 1,", printed, StringComparison.Ordinal);
        Assert.Contains("database still unreachable after", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, printed, StringComparison.Ordinal);
    }
}
