using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Mining.Kpis;

namespace Tongguan.Cases.Reports;

public sealed class SlaJobOptions
{
    public const string SectionName = "Tongguan:Sla:Jobs";

    /// <summary>Jobs waiting to run; a request beyond this answers 503 rather than queueing without bound.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 32;

    /// <summary>How long a finished job and its result file are kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Where result files go; the system's temp folder when empty.</summary>
    public string? Folder { get; set; }
}

public enum SlaJobKind
{
    Kpis,
    Bottlenecks,
    Recommendations,
    Xes,
}

public enum SlaJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

public sealed record SlaJobRequest(string? Kind, Dictionary<string, string?>? Params);

public sealed record SlaJobResponse(
    Guid Id, string Kind, string Status, long RowsRead, long? TotalRows, double? Percent, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? ExpiresAt, string? Result, string? Error);

/// <summary>One background report run. Mutable state is written by the worker and read by the status endpoint.</summary>
public sealed class SlaJob(Guid id, SlaJobKind kind, SlaParameters parameters, DateTimeOffset createdAt)
{
    public Guid Id { get; } = id;

    public SlaJobKind Kind { get; } = kind;

    public SlaParameters Parameters { get; } = parameters;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public ReadProgress Progress { get; } = new();

    private volatile SlaJobStatus _status;

    public SlaJobStatus Status
    {
        get => _status;
        set => _status = value;
    }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? ResultPath { get; set; }

    public string? ContentType { get; set; }

    public string? FileName { get; set; }

    public string? Error { get; set; }

    public SlaJobResponse ToResponse(TimeSpan retainFor)
    {
        var total = Progress.Total;
        var rows = Progress.Rows;
        double? percent = Status == SlaJobStatus.Succeeded ? 100 : total is > 0 ? Math.Min(100, 100.0 * rows / total.Value) : null;
        return new(
            Id, SlaParameters.Camel(Kind.ToString()), SlaParameters.Camel(Status.ToString()), rows, total, percent, CreatedAt,
            FinishedAt, FinishedAt + retainFor, Status == SlaJobStatus.Succeeded ? $"/api/sla/jobs/{Id}/result" : null, Error);
    }
}

/// <summary>
/// The in-process job queue: a bounded channel and the jobs by id, in memory. A restart loses queued and running jobs
/// and the links to finished results (their files are left in the folder and removed by the operating system's temp
/// cleaning, or by the next run's expiry sweep when the folder is configured).
/// </summary>
public sealed class SlaJobBoard
{
    private readonly Channel<SlaJob> _channel;
    private readonly ConcurrentDictionary<Guid, SlaJob> _jobs = new();

    public SlaJobBoard(IOptions<SlaJobOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<SlaJob>(new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true });
    }

    public ChannelReader<SlaJob> Reader => _channel.Reader;

    public bool TryEnqueue(SlaJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs[job.Id] = job;
        if (_channel.Writer.TryWrite(job))
        {
            return true;
        }

        _jobs.TryRemove(job.Id, out _);
        return false;
    }

    public SlaJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>Forgets finished jobs older than <paramref name="before"/> and deletes their files.</summary>
    public void Expire(DateTimeOffset before)
    {
        foreach (var job in _jobs.Values.Where(j => j.FinishedAt is { } at && at < before))
        {
            if (_jobs.TryRemove(job.Id, out _) && job.ResultPath is { } path && File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}

/// <summary>Runs queued SLA jobs one at a time (the machine's database is the bottleneck, not the CPU).</summary>
internal sealed partial class SlaJobWorker(
    SlaJobBoard queue,
    IServiceScopeFactory scopes,
    IOptions<SlaJobOptions> options,
    IOptions<JsonOptions> json,
    TimeProvider clock,
    ILogger<SlaJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            queue.Expire(clock.GetUtcNow() - options.Value.RetainFor);
            job.Status = SlaJobStatus.Running;
            try
            {
                await RunAsync(job, stoppingToken).ConfigureAwait(false);
                job.FinishedAt = clock.GetUtcNow();
                job.Status = SlaJobStatus.Succeeded;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Any failure of one report fails that job only: an escaping exception would stop the whole host.
                job.Error = ex.Message;
                job.FinishedAt = clock.GetUtcNow();
                job.Status = SlaJobStatus.Failed;
                LogJobFailed(logger, job.Id, job.Kind, ex);
            }
        }
    }

    private async Task RunAsync(SlaJob job, CancellationToken cancellationToken)
    {
        var folder = string.IsNullOrWhiteSpace(options.Value.Folder) ? Path.Combine(Path.GetTempPath(), "tongguan-sla-jobs") : options.Value.Folder;
        Directory.CreateDirectory(folder);
        var format = job.Kind == SlaJobKind.Xes ? ReportFormat.Json : job.Parameters.Format;
        var extension = job.Kind == SlaJobKind.Xes ? "xes" : format.ToString().ToLowerInvariant();
        var path = Path.Combine(folder, $"{job.Id:N}.{extension}");
        using var scope = scopes.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<SlaReports>();
        var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            switch (job.Kind)
            {
                case SlaJobKind.Xes:
                    var xes = scope.ServiceProvider.GetRequiredService<XesExport>();
                    job.Progress.Total = await xes.CountAsync(job.Parameters.Process, job.Parameters.From, job.Parameters.To, cancellationToken).ConfigureAwait(false);
                    await xes.WriteAsync(output, job.Parameters.Process, job.Parameters.From, job.Parameters.To, job.Progress, cancellationToken)
                        .ConfigureAwait(false);
                    break;
                case SlaJobKind.Kpis:
                    await WriteAsync(await reports.KpisAsync(job.Parameters, job.Progress, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                    break;
                case SlaJobKind.Bottlenecks:
                    await WriteAsync(await reports.BottlenecksAsync(job.Parameters, job.Progress, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                    break;
                case SlaJobKind.Recommendations:
                    await WriteAsync(await reports.RecommendationsAsync(job.Parameters, job.Progress, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown job kind {job.Kind}.");
            }
        }

        job.ResultPath = path;
        job.FileName = $"sla-{SlaParameters.Camel(job.Kind.ToString())}-{job.Id:N}.{extension}";
        job.ContentType = job.Kind == SlaJobKind.Xes ? XesExport.ContentType : format switch
        {
            ReportFormat.Csv => TableExport.CsvContentType,
            ReportFormat.Xlsx => TableExport.XlsxContentType,
            _ => "application/json; charset=utf-8",
        };

        async Task WriteAsync<TRow>(SlaReport<TRow> report)
        {
            switch (format)
            {
                case ReportFormat.Csv:
                    await TableExport.WriteCsvAsync(report.Rows, output, cancellationToken).ConfigureAwait(false);
                    break;
                case ReportFormat.Xlsx:
                    await TableExport.WriteXlsxAsync(report.Rows, output, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await JsonSerializer.SerializeAsync(output, report, json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SLA job {JobId} ({Kind}) failed")]
    private static partial void LogJobFailed(ILogger logger, Guid jobId, SlaJobKind kind, Exception exception);
}

public static class SlaJobsApi
{
    public static RouteGroupBuilder MapSlaJobsApi(this RouteGroupBuilder sla)
    {
        ArgumentNullException.ThrowIfNull(sla);
        sla.MapPost("/jobs", StartAsync).WithName("StartSlaJob")
            .WithSummary("Runs a report in the background: kind kpis|bottlenecks|recommendations|xes with the report's parameters; 202 with the job.");
        sla.MapGet("/jobs/{id:guid}", Status).WithName("GetSlaJob")
            .WithSummary("The job's status, rows read, percent when the total is known, and the result link when done.");
        sla.MapGet("/jobs/{id:guid}/result", Result).WithName("GetSlaJobResult")
            .WithSummary("The finished job's result file (JSON, CSV, XLSX or XES).");
        return sla;
    }

    private static Results<Accepted<SlaJobResponse>, ValidationProblem, ProblemHttpResult> StartAsync(
        SlaJobRequest request, SlaJobBoard queue, BusinessCalendar calendar, TimeProvider clock, IOptions<SlaJobOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        SlaJobKind kind = default;
        if (request?.Kind is not { } kindText || !Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
        {
            errors["kind"] = ["Name the report: kpis, bottlenecks, recommendations or xes."];
        }

        var parameters = SlaParameters.Parse(
            (IReadOnlyDictionary<string, string?>?)request?.Params ?? new Dictionary<string, string?>(),
            calendar,
            PeriodKind.All,
            kpiRequired: false,
            out var parameterErrors);
        foreach (var (key, messages) in parameterErrors)
        {
            errors[$"params.{key}"] = messages;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The job cannot be started with these parameters");
        }

        // Without traffic nothing else would forget old results; each new job sweeps the expired ones.
        queue.Expire(clock.GetUtcNow() - options.Value.RetainFor);
        var job = new SlaJob(Guid.NewGuid(), kind, parameters, clock.GetUtcNow());
        if (!queue.TryEnqueue(job))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Too many SLA jobs are waiting",
                detail: $"{options.Value.QueueCapacity} jobs are queued already; try again when some have finished.");
        }

        return TypedResults.Accepted($"/api/sla/jobs/{job.Id}", job.ToResponse(options.Value.RetainFor));
    }

    private static Results<Ok<SlaJobResponse>, NotFound> Status(Guid id, SlaJobBoard queue, IOptions<SlaJobOptions> options) =>
        queue.Find(id) is { } job ? TypedResults.Ok(job.ToResponse(options.Value.RetainFor)) : TypedResults.NotFound();

    private static Results<FileStreamHttpResult, NotFound, ProblemHttpResult> Result(Guid id, SlaJobBoard queue)
    {
        if (queue.Find(id) is not { } job)
        {
            return TypedResults.NotFound();
        }

        if (job.Status != SlaJobStatus.Succeeded || job.ResultPath is not { } path || !File.Exists(path))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The job has no result yet", detail: $"The job is {SlaParameters.Camel(job.Status.ToString())}.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return TypedResults.File(stream, job.ContentType, job.FileName);
    }
}
