using Microsoft.EntityFrameworkCore;

namespace Tongguan.Sla.Deadlines;

/// <summary>One row a bulk statement changed: its key and the changed columns' values before and after.</summary>
public sealed record BulkRowChange(string Key, IReadOnlyList<KeyValuePair<string, object?>> Before, IReadOnlyList<KeyValuePair<string, object?>> After);

/// <summary>
/// Told of the rows that <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> statements changed, since those bypass
/// <c>SaveChanges</c> and so every interceptor (the application's audit trail among them). Called on the changing
/// context, inside its open transaction and after the statement, so whatever the recorder writes commits or rolls
/// back with the change. Optional: with none registered, deadlines keep their one-statement bulk marking.
/// </summary>
/// <remarks>
/// Implementations must write set-wise (a sweep reports up to <c>2,000</c> rows per call), must leave the context's
/// other tracked entities alone, and must not commit.
/// </remarks>
public interface IBulkChangeRecorder
{
    /// <param name="db">The context that made the change; its current transaction is the change's.</param>
    /// <param name="entity">The changed entity type (its table names the subject).</param>
    /// <param name="actor">Who changed it: a user id, or <c>system:…</c> where no person acts (<see cref="SystemActors"/>).</param>
    /// <param name="changes">The rows changed, each with only the columns the statement changed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task RecordAsync(DbContext db, Type entity, string actor, IReadOnlyCollection<BulkRowChange> changes, CancellationToken cancellationToken);
}

/// <summary>The actors of changes no person makes.</summary>
public static class SystemActors
{
    /// <summary>The deadline sweep turning deadlines amber (warned) or red (breached).</summary>
    public const string DeadlineSweep = "system:deadline-sweep";
}
