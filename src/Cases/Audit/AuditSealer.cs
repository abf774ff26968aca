using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Persistence;

namespace Tongguan.Cases.Audit;

/// <summary>
/// Chains committed, unsealed audit entries onto the end of the hash chain. Writers never touch the chain: they only
/// insert, so concurrent transactions neither wait for each other nor fork it. Exactly one sealer works at a time
/// across all app nodes (a transaction-scoped advisory lock on PostgreSQL, an application lock on SQL Server, the
/// database-wide write lock on SQLite), and every seal also checks the row is still unsealed, so a second sealer
/// can only fail, never fork. An entry committed after a later-numbered one is simply chained later: chain order is
/// sealing order, not <see cref="AuditEntry.Sequence"/> order. Thread-safe.
/// </summary>
public sealed partial class AuditSealer(IServiceScopeFactory scopeFactory, IOptions<AuditOptions> options, ILogger<AuditSealer> logger) : IDisposable
{
    /// <summary>The advisory lock's key on PostgreSQL ("TGAUDIT1" as a 64-bit number).</summary>
    public const long LockKey = 0x5447_4155_4449_5431;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Seals every entry committed so far, in batches; returns how many it sealed (0 if another node holds the lock).</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = 0;
            while (true)
            {
                var sealedNow = await SealBatchAsync(cancellationToken).ConfigureAwait(false);
                total += sealedNow;
                if (sealedNow < options.Value.SealBatchSize)
                {
                    return total;
                }
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<int> SealBatchAsync(CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (!await TryLockAsync(db, cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }

                var entries = db.Set<AuditEntry>();
                var last = await entries.AsNoTracking().Where(e => e.ChainPosition != null).OrderByDescending(e => e.ChainPosition)
                    .Select(e => new { e.ChainPosition, e.Hash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                var batch = await entries.Where(e => e.ChainPosition == null).OrderBy(e => e.Sequence).Take(options.Value.SealBatchSize)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return 0;
                }

                var position = last?.ChainPosition ?? 0;
                var previous = last?.Hash ?? AuditChain.Genesis;
                foreach (var entry in batch)
                {
                    entry.ChainPosition = ++position;
                    entry.Hash = previous = AuditChain.HashOf(previous, entry);
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is DbUpdateException)
                {
                    // Another sealer got there first (a lock the provider cannot take); its chain stands, ours is dropped.
                    LogSealConflict(exception);
                    return 0;
                }

                return batch.Count;
            }
        }
    }

    private static async Task<bool> TryLockAsync(TongguanDbContext db, CancellationToken cancellationToken)
    {
        switch (db.Database.ProviderName)
        {
            case "Npgsql.EntityFrameworkCore.PostgreSQL":
                return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"")
                    .SingleAsync(cancellationToken).ConfigureAwait(false);
            case "Microsoft.EntityFrameworkCore.SqlServer":
                var result = await db.Database.SqlQuery<int>(
                        $"DECLARE @r int; EXEC @r = sp_getapplock @Resource = 'tongguan-audit-sealer', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 0; SELECT @r AS [Value]")
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                return result.Count == 1 && result[0] >= 0;
            default:
                return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another audit sealer sealed the same entries first; this batch is left to it")]
    private partial void LogSealConflict(Exception exception);
}

/// <summary>Runs <see cref="AuditSealer"/> every <see cref="AuditOptions.SealInterval"/> while the host runs.</summary>
internal sealed partial class AuditSealerService(AuditSealer sealer, IOptions<AuditOptions> options, TimeProvider timeProvider, ILogger<AuditSealerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Seal)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.SealInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                await sealer.SealAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                // A database outage must not stop the host; unsealed entries wait for the next round.
                LogSealFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing the audit trail failed; retrying next round")]
    private partial void LogSealFailed(Exception exception);
}
