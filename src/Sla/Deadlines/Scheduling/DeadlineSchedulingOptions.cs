using System.ComponentModel.DataAnnotations;

namespace Tongguan.Sla.Deadlines.Scheduling;

/// <summary>Which scheduler wakes the deadline sweep, and where it keeps its jobs. Section <c>Tongguan:Deadlines</c>.</summary>
public sealed class DeadlineSchedulingOptions
{
    public const string SectionName = "Tongguan:Deadlines";

    /// <summary>Hangfire (default) or Quartz. Read once at start.</summary>
    public DeadlineSchedulerKind Scheduler { get; set; } = DeadlineSchedulerKind.Hangfire;

    /// <summary>
    /// The database the scheduler's own tables live in. The host fills it from <c>Tongguan:Database</c> when unset:
    /// the same PostgreSQL or SQL Server database (own schema), or a separate SQLite file beside the embedded one
    /// (SQLite has one writer; sharing the file would make the scheduler and the engine wait on each other).
    /// </summary>
    public SchedulerStorage Storage { get; set; } = SchedulerStorage.Sqlite;

    public string? ConnectionString { get; set; }

    /// <summary>Database schema for the scheduler's tables where the database has schemas (PostgreSQL, SQL Server).</summary>
    public string? Schema { get; set; }

    /// <summary>How often one node sweeps regardless of wake-ups: bounds how late a deadline fires after a crash.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SafetySweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the scheduler polls its store for due work, where it polls (Hangfire).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>This node's name in the scheduler's cluster; defaults to machine name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>False on nodes that should schedule but never run sweeps (e.g. a CLI).</summary>
    public bool RunSweeps { get; set; } = true;
}

public enum DeadlineSchedulerKind
{
    Hangfire,
    Quartz,
}

public enum SchedulerStorage
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
