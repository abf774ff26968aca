using System.Threading.RateLimiting;

namespace Tongguan.Cases.Intake;

/// <summary>
/// One rate limit for every way reports come in: a fixed one-minute window per submitter — the caller of
/// <c>POST /api/reports</c>, or the api key of an Open311 client — so that no channel can flood the one door.
/// Per app node (the windows live in memory): with N nodes a submitter gets up to N × the limit.
/// </summary>
public sealed class IntakeRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string Submitter, int PermitsPerMinute)> _limiter =
        PartitionedRateLimiter.Create<(string Submitter, int PermitsPerMinute), string>(resource => RateLimitPartition.GetFixedWindowLimiter(
            resource.Submitter,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = resource.PermitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Takes one permit of the submitter's window; false when this minute's reports are used up. A limit of 0 means none.</summary>
    public bool TryAcquire(string submitter, int permitsPerMinute)
    {
        ArgumentException.ThrowIfNullOrEmpty(submitter);
        if (permitsPerMinute <= 0)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire((submitter, permitsPerMinute));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
