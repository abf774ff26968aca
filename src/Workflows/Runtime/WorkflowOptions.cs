using System.ComponentModel.DataAnnotations;

namespace Tongguan.Workflows.Runtime;

/// <summary>Settings of the durable runtime, bound from the <see cref="SectionName"/> configuration section.</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflows";

    /// <summary>A folder whose <c>*.bpmn</c> files are published at start; null to publish nothing.</summary>
    public string? DefinitionsFolder { get; set; }

    /// <summary>How long a worker owns a job it took; another worker may take it after that (crash recovery).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan JobLockDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay before the first retry of a failed job; doubled for every further attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan JobRetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts given back to a job when its incident is retried.</summary>
    [Range(1, 100)]
    public int IncidentRetryAttempts { get; set; } = 3;

    /// <summary>
    /// How long a node trusts its knowledge of a key's latest version when starting by key; a publish on this node
    /// takes effect at once, one on another node within this time. Zero looks the version up on every start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LatestDefinitionCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    public WorkflowWorkerOptions Worker { get; set; } = new();

    public GroupedStartsOptions GroupedStarts { get; set; } = new();
}

/// <summary>Group commit of starts (<see cref="Runtime.GroupedStarts"/>).</summary>
public sealed class GroupedStartsOptions
{
    /// <summary>Groups written at the same time: while one commits, the next is already being built.</summary>
    [Range(1, 16)]
    public int Committers { get; set; } = 2;

    /// <summary>At most this many starts in one transaction.</summary>
    [Range(1, 1_000)]
    public int MaxGroupSize { get; set; } = 32;

    /// <summary>Starts waiting for a group beyond this many make their callers wait to queue (back pressure).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>At shutdown, how long the queued starts may take to be written before the rest are cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The background worker that fires due timers and runs due jobs.</summary>
public sealed class WorkflowWorkerOptions
{
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many timers and this many jobs per poll.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;
}
