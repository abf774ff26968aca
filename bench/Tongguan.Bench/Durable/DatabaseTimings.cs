using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongguan.Bench.Durable;

/// <summary>
/// Where a durable operation's time goes: SQL commands, commits and connection opens, as EF Core measures them.
/// Thread-safe counters; the load driver divides them by the operations it ran.
/// </summary>
public sealed class DatabaseTimings : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private long _commands;
    private long _commandTicks;
    private long _commits;
    private long _commitTicks;
    private long _opens;
    private long _openTicks;

    public long Commands => Interlocked.Read(ref _commands);

    public TimeSpan CommandTime => TimeSpan.FromTicks(Interlocked.Read(ref _commandTicks));

    public long Commits => Interlocked.Read(ref _commits);

    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks));

    public long ConnectionOpens => Interlocked.Read(ref _opens);

    public TimeSpan ConnectionOpenTime => TimeSpan.FromTicks(Interlocked.Read(ref _openTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _commandTicks, 0);
        Interlocked.Exchange(ref _commits, 0);
        Interlocked.Exchange(ref _commitTicks, 0);
        Interlocked.Exchange(ref _opens, 0);
        Interlocked.Exchange(ref _openTicks, 0);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Count(eventData);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count(eventData);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Count(eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Count(eventData);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _commitTicks, eventData.Duration.Ticks);
        return Task.CompletedTask;
    }

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Interlocked.Increment(ref _opens);
        Interlocked.Add(ref _openTicks, eventData.Duration.Ticks);
        return Task.CompletedTask;
    }

    private void Count(CommandExecutedEventData eventData)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _commandTicks, eventData.Duration.Ticks);
    }
}
