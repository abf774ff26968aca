using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Workflows.Tests.Versioning;

public sealed class LatestDefinitionCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    private LatestDefinitionCache Cache(TimeSpan duration) =>
        new(_time, Options.Create(new WorkflowOptions { LatestDefinitionCacheDuration = duration }));

    private static DefinitionRecord Definition(int version) => new() { Id = Guid.NewGuid(), Key = "handle-case", Version = version };

    [Fact]
    public void TryGet_ReturnsRememberedVersion_WithinDuration()
    {
        var cache = Cache(TimeSpan.FromSeconds(5));
        var v1 = Definition(1);
        cache.Remember(v1, cache.Generation);
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.True(cache.TryGet("handle-case", out var head));
        Assert.Equal(new DefinitionHead(v1.Id, "handle-case", 1), head);
    }

    [Fact]
    public void TryGet_Misses_OnceDurationHasPassed()
    {
        var cache = Cache(TimeSpan.FromSeconds(5));
        cache.Remember(Definition(1), cache.Generation);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(cache.TryGet("handle-case", out _));
    }

    [Fact]
    public void Remember_IsIgnored_WhenAPublishHappenedSinceTheLookup()
    {
        var cache = Cache(TimeSpan.FromSeconds(5));
        var generation = cache.Generation;
        cache.Invalidate("handle-case");

        cache.Remember(Definition(1), generation);

        Assert.False(cache.TryGet("handle-case", out _));
    }

    [Fact]
    public void Invalidate_ForgetsTheKey()
    {
        var cache = Cache(TimeSpan.FromSeconds(5));
        cache.Remember(Definition(1), cache.Generation);

        cache.Invalidate("handle-case");

        Assert.False(cache.TryGet("handle-case", out _));
    }

    [Fact]
    public void Remember_KeepsTheNewerVersion_WhenAnOlderArrivesLater()
    {
        var cache = Cache(TimeSpan.FromSeconds(5));
        var generation = cache.Generation;
        cache.Remember(Definition(2), generation);
        cache.Remember(Definition(1), generation);

        Assert.True(cache.TryGet("handle-case", out var head));
        Assert.Equal(2, head.Version);
    }

    [Fact]
    public void Remember_CachesNothing_WhenDurationIsZero()
    {
        var cache = Cache(TimeSpan.Zero);
        cache.Remember(Definition(1), cache.Generation);

        Assert.False(cache.TryGet("handle-case", out _));
    }
}
