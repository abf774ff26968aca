using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.Versioning;

/// <summary>Which version of a key is the latest: what a start by key needs, without the XML.</summary>
public sealed record DefinitionHead(Guid Id, string Key, int Version);

/// <summary>
/// The latest published version of each definition key, so that starting by key needs no query. Entries live
/// for <see cref="WorkflowOptions.LatestDefinitionCacheDuration"/> and are dropped on this node as soon as a
/// publish commits here.
/// </summary>
/// <remarks>
/// Why a time limit rather than a version check: a check is a round trip per start, which is what this cache
/// removes. A publish on another node is seen here within the duration at the latest; until then new instances
/// start on the previous version, which is still published and valid, so nothing breaks, the switch is only
/// late. Thread-safe; register as a singleton.
/// </remarks>
public sealed class LatestDefinitionCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _duration;
    private long _generation;

    public LatestDefinitionCache(TimeProvider timeProvider, IOptions<WorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _duration = options.Value.LatestDefinitionCacheDuration;
    }

    /// <summary>
    /// Changes with every <see cref="Invalidate"/>; read it before looking the latest version up and hand it to
    /// <see cref="Remember"/>, so that a lookup that raced a publish is not cached.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string key, [NotNullWhen(true)] out DefinitionHead? head)
    {
        if (_entries.TryGetValue(key, out var entry) && _timeProvider.GetUtcNow() < entry.ExpiresAt)
        {
            head = entry.Head;
            return true;
        }

        head = null;
        return false;
    }

    /// <summary>Caches <paramref name="definition"/> as the latest of its key unless a publish happened since <paramref name="generation"/>.</summary>
    public void Remember(DefinitionRecord definition, long generation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_duration <= TimeSpan.Zero || generation != Generation)
        {
            return;
        }

        var entry = new Entry(new DefinitionHead(definition.Id, definition.Key, definition.Version), _timeProvider.GetUtcNow() + _duration);
        _entries.AddOrUpdate(
            definition.Key,
            entry,
            (_, existing) => existing.Head.Version > entry.Head.Version ? existing : entry);

        // An invalidation between the check above and the write must not leave the older version cached.
        if (generation != Generation)
        {
            _entries.TryRemove(definition.Key, out _);
        }
    }

    /// <summary>Forgets <paramref name="key"/>: a new version of it was published.</summary>
    public void Invalidate(string key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }

    private sealed record Entry(DefinitionHead Head, DateTimeOffset ExpiresAt);
}
