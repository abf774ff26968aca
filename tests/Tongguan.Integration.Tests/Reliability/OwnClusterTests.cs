using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// A reliability test on a PostgreSQL cluster of its own, which it may stop and start, with the app nodes it starts;
/// the nodes are killed and the cluster deleted afterwards.
/// </summary>
public abstract class OwnClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PrivatePostgresCluster? _cluster;

    private protected ReliabilityNodes Nodes { get; } = new(output);

    private protected PrivatePostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster starts in InitializeAsync.");

    public async Task InitializeAsync() => _cluster = await PrivatePostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await Nodes.KillAllAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
