using Microsoft.EntityFrameworkCore;

namespace Tongguan.Cases.Audit;

/// <summary>The outcome of walking the chain.</summary>
/// <param name="Intact">Every sealed entry is present, in place and unchanged.</param>
/// <param name="Sealed">Sealed entries checked (up to the first break).</param>
/// <param name="Unsealed">Entries not chained yet (the sealer's window); they cannot be checked.</param>
/// <param name="HeadHash">The hash of the last sealed entry checked; note it down to detect a cut-off tail later.</param>
/// <param name="FirstBrokenSequence">The <see cref="AuditEntry.Sequence"/> of the first entry that does not verify.</param>
/// <param name="Problem">What is wrong there, for a person.</param>
public sealed record AuditVerification(bool Intact, long Sealed, long Unsealed, string HeadHash, long? FirstBrokenSequence, string? Problem);

/// <summary>Recomputes the hash chain from its first entry and reports the first entry that does not match.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = db.Set<AuditEntry>().AsNoTracking();
        var unsealed = await entries.LongCountAsync(e => e.ChainPosition == null || e.Hash == null, cancellationToken).ConfigureAwait(false);
        var previous = AuditChain.Genesis;
        long expected = 1;
        await foreach (var entry in entries.Where(e => e.ChainPosition != null).OrderBy(e => e.ChainPosition).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            string? problem = null;
            if (entry.ChainPosition != expected)
            {
                problem = entry.ChainPosition > expected
                    ? $"chain position {expected} is missing before this entry (position {entry.ChainPosition}): an entry was deleted or renumbered"
                    : $"chain position {entry.ChainPosition} appears twice";
            }
            else if (entry.Hash is null)
            {
                problem = "the entry has a chain position but no hash";
            }
            else if (!string.Equals(AuditChain.HashOf(previous, entry), entry.Hash, StringComparison.Ordinal))
            {
                problem = "the stored hash does not match the entry's content and the previous hash: the entry (or its hash) was changed";
            }

            if (problem is not null)
            {
                return new AuditVerification(false, expected - 1, unsealed, previous, entry.Sequence, problem);
            }

            previous = entry.Hash!;
            expected++;
        }

        return new AuditVerification(true, expected - 1, unsealed, previous, null, null);
    }
}
