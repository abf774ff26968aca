using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// The probes a load balancer reads, on a real node over a PostgreSQL cluster of the test's own that is stopped and
/// started again: "ready" follows the database, "live" stays up throughout, and neither says more than its status.
/// </summary>
[Collection(nameof(ReliabilityTests))]
public sealed class HealthProbeTests(ITestOutputHelper output) : OwnClusterTests(output)
{
    [Fact]
    public async Task Ready_FollowsTheDatabase_WhileLiveStaysUp_WithoutCredentials()
    {
        var cluster = Cluster;
        var node = await Nodes.StartAsync("node", ReliabilityNodes.Environment(cluster.ConnectionString, "Quartz"));
        using var probe = new HttpClient { BaseAddress = node.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(probe, "/health/live"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await GetAsync(probe, "/health/ready"));

        await cluster.StopAsync();
        var down = await GetAsync(probe, "/health/ready");
        var liveWhileDown = await GetAsync(probe, "/health/live");
        Nodes.Print($"database stopped: ready {(int)down.Status} {down.Body}, live {(int)liveWhileDown.Status} {liveWhileDown.Body}");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), down);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), liveWhileDown);

        await cluster.StartServerAsync();
        var waiting = Stopwatch.StartNew();
        var up = await GetAsync(probe, "/health/ready");
        while (up.Status != HttpStatusCode.OK && waiting.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(500);
            up = await GetAsync(probe, "/health/ready");
        }

        Nodes.Print($"database started again: ready {(int)up.Status} {up.Body} after {waiting.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), up);
        Assert.False(node.HasExited, "The node exited while its database was away.");
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
