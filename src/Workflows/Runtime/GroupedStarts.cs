using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Runtime;

/// <summary>One start of a group: the latest published version of <paramref name="DefinitionKey"/>.</summary>
public sealed record StartRequest(string DefinitionKey, string? BusinessKey, JsonObject? Variables, Actor Actor);

/// <summary>
/// Group commit for starts: callers that save nothing of their own with a start (an API client starting a process, a
/// sensor feed, a batch import) queue it here, and the starts that arrive while a group is being written go together in
/// the next one — one transaction, one commit and one round of writes for all of them, instead of one each. Under load
/// the cost of a commit (a round trip, a WAL flush, the unit of work's bookkeeping) is shared by the group; alone, a
/// start waits for nobody.
/// </summary>
/// <remarks>
/// A caller that saves its own changes with the start (a case and its handling process) uses
/// <see cref="WorkflowRuntime.StartAsync(string, string?, JsonObject?, Actor, CancellationToken)"/> in its own unit of
/// work instead. A group is all or nothing; when it fails, each of its starts is retried alone, so one bad request
/// fails only its own caller. Cancelling withdraws a start still waiting for a group; one already taken into a group is
/// committed or failed with it. Singleton; thread-safe.
/// </remarks>
public sealed partial class GroupedStarts : IAsyncDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly GroupedStartsOptions _options;
    private readonly ILogger<GroupedStarts> _logger;
    private readonly Channel<Pending> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task[]? _committers;
    private long _groups;
    private long _starts;
    private long _retriedAlone;

    public GroupedStarts(IServiceScopeFactory scopes, IOptions<WorkflowOptions> options, ILogger<GroupedStarts> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _options = options.Value.GroupedStarts;
        _logger = logger;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = _options.Committers == 1,
        });
    }

    /// <summary>Groups written so far (for monitoring; a group of one counts).</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>Starts committed through groups so far.</summary>
    public long Starts => Interlocked.Read(ref _starts);

    /// <summary>Starts retried alone after their group failed.</summary>
    public long RetriedAlone => Interlocked.Read(ref _retriedAlone);

    /// <summary>Starts an instance of the latest published version of <paramref name="definitionKey"/>, committed with whatever else is queued.</summary>
    /// <exception cref="DefinitionNotFoundException">No published version of the key.</exception>
    public async Task<InstanceState> StartAsync(
        string definitionKey, string? businessKey, JsonObject? variables, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(definitionKey);
        ArgumentNullException.ThrowIfNull(actor);
        EnsureRunning();
        var pending = new Pending(new StartRequest(definitionKey, businessKey, variables, actor), cancellationToken);
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private void EnsureRunning()
    {
        if (Volatile.Read(ref _committers) is not null)
        {
            return;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_committers is null)
            {
                // The committers serve every caller: they must not carry the first caller's ambient state (its
                // HttpContext, its activity) into every start they write.
                using (ExecutionContext.SuppressFlow())
                {
                    _committers = [.. Enumerable.Range(0, _options.Committers).Select(_ => Task.Run(() => CommitLoopAsync(_stopping.Token)))];
                }
            }
        }
    }

    private async Task CommitLoopAsync(CancellationToken stopping)
    {
        var group = new List<Pending>(_options.MaxGroupSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                group.Clear();
                while (group.Count < _options.MaxGroupSize && _queue.Reader.TryRead(out var pending))
                {
                    if (pending.Cancellation.IsCancellationRequested)
                    {
                        pending.Completion.TrySetCanceled(pending.Cancellation);
                        continue;
                    }

                    group.Add(pending);
                }

                if (group.Count > 0)
                {
                    await CommitAsync(group, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: whatever is still queued is cancelled by DisposeAsync.
        }
    }

    private async Task CommitAsync(List<Pending> group, CancellationToken stopping)
    {
        if (group.Count > 1)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                var started = await runtime.StartGroupAsync([.. group.Select(p => p.Request)], stopping).ConfigureAwait(false);
                Interlocked.Increment(ref _groups);
                Interlocked.Add(ref _starts, group.Count);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Completion.TrySetResult(started[i]);
                }

                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // Nothing of the group was written; each start gets its own answer, success or its own error.
                LogGroupFailed(ex, group.Count);
                Interlocked.Add(ref _retriedAlone, group.Count);
            }
        }

        foreach (var pending in group)
        {
            await CommitAloneAsync(pending, stopping).ConfigureAwait(false);
        }
    }

    private async Task CommitAloneAsync(Pending pending, CancellationToken stopping)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            var request = pending.Request;
            var started = await runtime.StartAsync(request.DefinitionKey, request.BusinessKey, request.Variables, request.Actor, stopping)
                .ConfigureAwait(false);
            Interlocked.Increment(ref _groups);
            Interlocked.Increment(ref _starts);
            pending.Completion.TrySetResult(started);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            pending.Completion.TrySetCanceled(stopping);
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[]? committers;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _queue.Writer.TryComplete();
            committers = _committers;
        }

        // Let the queued starts be written before stopping; a start is an acknowledged request.
        if (committers is not null)
        {
            var drained = Task.WhenAll(committers);
            await Task.WhenAny(drained, Task.Delay(_options.DrainTimeout)).ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (committers is not null)
        {
            await Task.WhenAll(committers).ConfigureAwait(false);
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Completion.TrySetCanceled();
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A group of {Count} starts failed; retrying each alone")]
    private partial void LogGroupFailed(Exception exception, int count);

    private sealed record Pending(StartRequest Request, CancellationToken Cancellation)
    {
        public TaskCompletionSource<InstanceState> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
