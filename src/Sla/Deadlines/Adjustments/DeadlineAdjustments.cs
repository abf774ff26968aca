using Microsoft.EntityFrameworkCore;
using Tongguan.Sla.TimeLimits;

namespace Tongguan.Sla.Deadlines.Adjustments;

/// <summary>Extensions and suspensions of deadlines (scoped, on the application's context).</summary>
public interface IDeadlineAdjustments
{
    /// <exception cref="DeadlineAdjustmentException">Unknown deadline, closed or already overdue, or a bad duration.</exception>
    Task<DeadlineAdjustmentRecord> RequestExtensionAsync(Guid deadlineId, string extension, string reason, string actorId, CancellationToken cancellationToken = default);

    /// <exception cref="DeadlineAdjustmentException">Unknown deadline, closed or already overdue, or already suspended.</exception>
    Task<DeadlineAdjustmentRecord> RequestSuspensionAsync(Guid deadlineId, string reason, string actorId, CancellationToken cancellationToken = default);

    /// <summary>Approves a request: an extension moves the deadline now; a suspension stops its clock now.</summary>
    /// <exception cref="DeadlineAdjustmentException">Unknown or decided request, the requester approving their own request, or a deadline that is closed or overdue.</exception>
    Task<DeadlineAdjustmentRecord> ApproveAsync(Guid adjustmentId, string actorId, string? note, CancellationToken cancellationToken = default);

    /// <exception cref="DeadlineAdjustmentException">Unknown or decided request.</exception>
    Task<DeadlineAdjustmentRecord> RejectAsync(Guid adjustmentId, string actorId, string? note, CancellationToken cancellationToken = default);

    /// <summary>Ends an approved suspension: the deadline moves on by the time its clock stood still.</summary>
    /// <exception cref="DeadlineAdjustmentException">Unknown request, or not a running suspension.</exception>
    Task<DeadlineAdjustmentRecord> ResumeAsync(Guid adjustmentId, string actorId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeadlineAdjustmentRecord>> ListByInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default);
}

/// <summary>Why an adjustment was refused; the API maps the kind to 404, 409 or 422.</summary>
public sealed class DeadlineAdjustmentException(AdjustmentRefusal refusal, string message) : Exception(message)
{
    public AdjustmentRefusal Refusal { get; } = refusal;
}

public enum AdjustmentRefusal
{
    NotFound,
    Conflict,
    Invalid,
}

internal sealed class DeadlineAdjustments<TContext>(
    TContext db, TimeLimitCalculator calculator, TimeProvider timeProvider, IEnumerable<IBulkChangeRecorder> recorders) : IDeadlineAdjustments
    where TContext : DbContext
{
    private const int MaxReasonLength = 2000;

    public async Task<DeadlineAdjustmentRecord> RequestExtensionAsync(
        Guid deadlineId, string extension, string reason, string actorId, CancellationToken cancellationToken = default)
    {
        var deadline = await OpenDeadlineAsync(deadlineId, cancellationToken).ConfigureAwait(false);
        try
        {
            var probe = calculator.Extend(Schedule(deadline), extension, deadline.CalendarKind);
            if (probe.Due <= deadline.DueAt)
            {
                throw new DeadlineAdjustmentException(AdjustmentRefusal.Invalid, $"The extension '{extension}' adds no time.");
            }
        }
        catch (FormatException ex)
        {
            throw new DeadlineAdjustmentException(AdjustmentRefusal.Invalid, $"The extension is not a usable duration: {ex.Message}");
        }

        return await AddAsync(deadline, AdjustmentKind.Extension, extension.Trim().ToUpperInvariant(), reason, actorId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeadlineAdjustmentRecord> RequestSuspensionAsync(
        Guid deadlineId, string reason, string actorId, CancellationToken cancellationToken = default)
    {
        var deadline = await OpenDeadlineAsync(deadlineId, cancellationToken).ConfigureAwait(false);
        if (deadline.PausedAt is not null)
        {
            throw new DeadlineAdjustmentException(AdjustmentRefusal.Conflict, "The deadline is suspended already.");
        }

        return await AddAsync(deadline, AdjustmentKind.Suspension, null, reason, actorId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeadlineAdjustmentRecord> ApproveAsync(Guid adjustmentId, string actorId, string? note, CancellationToken cancellationToken = default)
    {
        var adjustment = await RequestedAsync(adjustmentId, cancellationToken).ConfigureAwait(false);
        if (string.Equals(adjustment.RequestedBy, actorId, StringComparison.Ordinal))
        {
            throw new DeadlineAdjustmentException(
                AdjustmentRefusal.Conflict, $"'{actorId}' asked for this {Noun(adjustment)} and cannot approve it too; another person must decide.");
        }

        var deadline = await OpenDeadlineAsync(adjustment.DeadlineId, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Conditional on what was read, so that a sweep firing the deadline meanwhile wins and this approval fails.
            var rows = db.Set<DeadlineRecord>().Where(d =>
                d.Id == deadline.Id && d.Status == DeadlineStatus.Pending && d.BreachedAt == null && d.DueAt == deadline.DueAt && d.PausedAt == null);
            int changed;
            BulkRowChange change;
            if (adjustment.Kind == AdjustmentKind.Extension)
            {
                var moved = calculator.Extend(Schedule(deadline), adjustment.Extension!, deadline.CalendarKind);
                var greenAgain = moved.Warning > now;
                changed = await rows.ExecuteUpdateAsync(
                    u => u.SetProperty(d => d.DueAt, moved.Due)
                        .SetProperty(d => d.WarningAt, moved.Warning)
                        .SetProperty(d => d.WarnedAt, d => greenAgain ? null : d.WarnedAt),
                    cancellationToken).ConfigureAwait(false);
                List<KeyValuePair<string, object?>> before = [new(nameof(DeadlineRecord.DueAt), deadline.DueAt), new(nameof(DeadlineRecord.WarningAt), deadline.WarningAt)];
                List<KeyValuePair<string, object?>> after = [new(nameof(DeadlineRecord.DueAt), moved.Due), new(nameof(DeadlineRecord.WarningAt), moved.Warning)];
                if (greenAgain && deadline.WarnedAt is not null)
                {
                    before.Add(new(nameof(DeadlineRecord.WarnedAt), deadline.WarnedAt));
                    after.Add(new(nameof(DeadlineRecord.WarnedAt), null));
                }

                change = new BulkRowChange(deadline.Id.ToString(), before, after);
            }
            else
            {
                changed = await rows.ExecuteUpdateAsync(u => u.SetProperty(d => d.PausedAt, now), cancellationToken).ConfigureAwait(false);
                change = new BulkRowChange(deadline.Id.ToString(), [new(nameof(DeadlineRecord.PausedAt), null)], [new(nameof(DeadlineRecord.PausedAt), now)]);
            }

            if (changed == 0)
            {
                throw new DeadlineAdjustmentException(AdjustmentRefusal.Conflict, "The deadline changed meanwhile (it fired, closed or moved); look again and decide.");
            }

            await RecordAsync(change, actorId, cancellationToken).ConfigureAwait(false);

            adjustment.Status = AdjustmentStatus.Approved;
            adjustment.DecidedBy = actorId;
            adjustment.DecidedAt = now;
            adjustment.DecisionNote = Trim(note);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return adjustment;
    }

    public async Task<DeadlineAdjustmentRecord> RejectAsync(Guid adjustmentId, string actorId, string? note, CancellationToken cancellationToken = default)
    {
        var adjustment = await RequestedAsync(adjustmentId, cancellationToken).ConfigureAwait(false);
        adjustment.Status = AdjustmentStatus.Rejected;
        adjustment.DecidedBy = actorId;
        adjustment.DecidedAt = timeProvider.GetUtcNow();
        adjustment.DecisionNote = Trim(note);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return adjustment;
    }

    public async Task<DeadlineAdjustmentRecord> ResumeAsync(Guid adjustmentId, string actorId, CancellationToken cancellationToken = default)
    {
        var adjustment = await db.Set<DeadlineAdjustmentRecord>().FirstOrDefaultAsync(a => a.Id == adjustmentId, cancellationToken).ConfigureAwait(false)
            ?? throw new DeadlineAdjustmentException(AdjustmentRefusal.NotFound, $"No extension or suspension {adjustmentId}.");
        if (adjustment is not { Kind: AdjustmentKind.Suspension, Status: AdjustmentStatus.Approved })
        {
            throw new DeadlineAdjustmentException(AdjustmentRefusal.Conflict, $"Only a running suspension can be resumed; this {Noun(adjustment)} is {adjustment.Status.ToString().ToLowerInvariant()}.");
        }

        var deadline = await db.Set<DeadlineRecord>().AsNoTracking().FirstAsync(d => d.Id == adjustment.DeadlineId, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (deadline is { Status: DeadlineStatus.Pending, PausedAt: { } pausedAt })
            {
                var moved = calculator.Resume(Schedule(deadline), pausedAt, now, deadline.CalendarKind);
                var changed = await db.Set<DeadlineRecord>()
                    .Where(d => d.Id == deadline.Id && d.PausedAt == pausedAt)
                    .ExecuteUpdateAsync(
                        u => u.SetProperty(d => d.PausedAt, (DateTimeOffset?)null)
                            .SetProperty(d => d.DueAt, moved.Due)
                            .SetProperty(d => d.WarningAt, moved.Warning),
                        cancellationToken).ConfigureAwait(false);
                if (changed == 0)
                {
                    throw new DeadlineAdjustmentException(AdjustmentRefusal.Conflict, "The deadline changed meanwhile; look again.");
                }

                await RecordAsync(
                    new BulkRowChange(
                        deadline.Id.ToString(),
                        [new(nameof(DeadlineRecord.PausedAt), pausedAt), new(nameof(DeadlineRecord.DueAt), deadline.DueAt), new(nameof(DeadlineRecord.WarningAt), deadline.WarningAt)],
                        [new(nameof(DeadlineRecord.PausedAt), null), new(nameof(DeadlineRecord.DueAt), moved.Due), new(nameof(DeadlineRecord.WarningAt), moved.Warning)]),
                    actorId,
                    cancellationToken).ConfigureAwait(false);
            }

            // A task that closed while suspended just ends the suspension; its deadline stays as it closed.
            adjustment.Status = AdjustmentStatus.Ended;
            adjustment.EndedAt = now;
            adjustment.EndedBy = actorId;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return adjustment;
    }

    public async Task<IReadOnlyList<DeadlineAdjustmentRecord>> ListByInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        await db.Set<DeadlineAdjustmentRecord>()
            .AsNoTracking()
            .Where(a => a.InstanceId == instanceId)
            .OrderBy(a => a.RequestedAt)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

    private async Task RecordAsync(BulkRowChange change, string actorId, CancellationToken cancellationToken)
    {
        foreach (var recorder in recorders)
        {
            await recorder.RecordAsync(db, typeof(DeadlineRecord), actorId, [change], cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeLimitSchedule Schedule(DeadlineRecord deadline) => new(deadline.StartedAt, deadline.WarningAt, deadline.DueAt);

    private static string Noun(DeadlineAdjustmentRecord adjustment) => adjustment.Kind == AdjustmentKind.Extension ? "extension" : "suspension";

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<DeadlineRecord> OpenDeadlineAsync(Guid deadlineId, CancellationToken cancellationToken)
    {
        var deadline = await db.Set<DeadlineRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == deadlineId, cancellationToken).ConfigureAwait(false)
            ?? throw new DeadlineAdjustmentException(AdjustmentRefusal.NotFound, $"No deadline {deadlineId}.");
        if (deadline.Status != DeadlineStatus.Pending)
        {
            throw new DeadlineAdjustmentException(AdjustmentRefusal.Conflict, $"The deadline is closed ({deadline.Status.ToString().ToLowerInvariant()}); there is nothing to extend or suspend.");
        }

        if (deadline.BreachedAt is not null)
        {
            throw new DeadlineAdjustmentException(
                AdjustmentRefusal.Conflict,
                $"The deadline was breached at {deadline.BreachedAt:O}; an extension or suspension must be granted before the limit runs out.");
        }

        return deadline;
    }

    private async Task<DeadlineAdjustmentRecord> RequestedAsync(Guid adjustmentId, CancellationToken cancellationToken)
    {
        var adjustment = await db.Set<DeadlineAdjustmentRecord>().FirstOrDefaultAsync(a => a.Id == adjustmentId, cancellationToken).ConfigureAwait(false)
            ?? throw new DeadlineAdjustmentException(AdjustmentRefusal.NotFound, $"No extension or suspension {adjustmentId}.");
        if (adjustment.Status != AdjustmentStatus.Requested)
        {
            throw new DeadlineAdjustmentException(AdjustmentRefusal.Conflict, $"This {Noun(adjustment)} was {adjustment.Status.ToString().ToLowerInvariant()} already.");
        }

        return adjustment;
    }

    private async Task<DeadlineAdjustmentRecord> AddAsync(
        DeadlineRecord deadline, AdjustmentKind kind, string? extension, string reason, string actorId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            throw new DeadlineAdjustmentException(AdjustmentRefusal.Invalid, $"A reason of 1 to {MaxReasonLength} characters is required.");
        }

        var pending = await db.Set<DeadlineAdjustmentRecord>()
            .AnyAsync(a => a.DeadlineId == deadline.Id && a.Kind == kind && a.Status == AdjustmentStatus.Requested, cancellationToken)
            .ConfigureAwait(false);
        if (pending)
        {
            throw new DeadlineAdjustmentException(AdjustmentRefusal.Conflict, $"A {(kind == AdjustmentKind.Extension ? "extension" : "suspension")} of this deadline is waiting for a decision already.");
        }

        var adjustment = new DeadlineAdjustmentRecord
        {
            Id = Guid.NewGuid(),
            DeadlineId = deadline.Id,
            InstanceId = deadline.InstanceId,
            Kind = kind,
            Status = AdjustmentStatus.Requested,
            Extension = extension,
            Reason = reason.Trim(),
            RequestedBy = actorId,
            RequestedAt = timeProvider.GetUtcNow(),
        };
        db.Set<DeadlineAdjustmentRecord>().Add(adjustment);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return adjustment;
    }
}
