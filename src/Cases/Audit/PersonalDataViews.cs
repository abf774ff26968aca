using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Tongguan.Cases.Audit;

/// <summary>
/// Records who saw citizens' contact data in clear: each case file shown unmasked and each export that carries
/// personal data becomes an audit entry (what was seen, never the data itself). Thread-safe.
/// </summary>
public sealed class PersonalDataViews(AuditContext audit)
{
    public const string Viewed = "personal-data.viewed";

    public const string Exported = "personal-data.exported";

    /// <summary>Records that the caller saw <paramref name="fields"/> of <paramref name="reportIds"/> of case <paramref name="caseNumber"/> unmasked.</summary>
    public Task CaseViewedAsync(DbContext db, Guid caseId, string caseNumber, IReadOnlyCollection<Guid> reportIds, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = AuditValues.ToJson(
        [
            new("caseNumber", caseNumber),
            new("reports", string.Join(",", reportIds.Select(id => id.ToString("D", CultureInfo.InvariantCulture)))),
            new("fields", string.Join(",", fields)),
        ]);
        return RecordAsync(db, audit.Entry(Viewed, "cases", caseId.ToString("D", CultureInfo.InvariantCulture), null, after), cancellationToken);
    }

    /// <summary>Records an export (its query string) that carries <paramref name="fields"/> unmasked.</summary>
    public Task ExportedAsync(DbContext db, string export, string query, IReadOnlyCollection<string> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = AuditValues.ToJson([new("query", query), new("fields", string.Join(",", fields))]);
        return RecordAsync(db, audit.Entry(Exported, "exports", export, null, after), cancellationToken);
    }

    private static async Task RecordAsync(DbContext db, AuditEntry entry, CancellationToken cancellationToken)
    {
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
