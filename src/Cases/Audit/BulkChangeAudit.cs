using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Tongguan.Sla.Deadlines;

namespace Tongguan.Cases.Audit;

/// <summary>
/// Audits what <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> changed (which <see cref="AuditSaveChangesInterceptor"/> never
/// sees): one <c>{table}.modified</c> entry per row, with the statement's actor and the changed columns before and
/// after, inserted with multi-row <c>INSERT … VALUES</c> statements on the caller's connection and transaction. It
/// never calls <c>SaveChanges</c>, so the caller's tracked entities are neither saved early nor audited twice.
/// Stateless; thread-safe.
/// </summary>
public sealed class BulkChangeAudit(AuditContext audit) : IBulkChangeRecorder
{
    /// <summary>Rows per statement: 8 parameters each stays under SQL Server's 2,100 parameters per command.</summary>
    internal const int RowsPerStatement = 250;

    private static readonly string[] Columns =
    [
        nameof(AuditEntry.At), nameof(AuditEntry.Actor), nameof(AuditEntry.Action), nameof(AuditEntry.SubjectType),
        nameof(AuditEntry.SubjectId), nameof(AuditEntry.Before), nameof(AuditEntry.After), nameof(AuditEntry.CorrelationId),
    ];

    public async Task RecordAsync(DbContext db, Type entity, string actor, IReadOnlyCollection<BulkRowChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(changes);
        var table = db.Model.FindEntityType(entity)?.GetTableName() ?? entity.Name;
        if (changes.Count == 0 || AuditSaveChangesInterceptor.UnauditedTables.Contains(table))
        {
            return;
        }

        var entries = changes.Select(change =>
        {
            var entry = audit.Entry($"{table}.modified", table, change.Key, AuditValues.ToJson(change.Before), AuditValues.ToJson(change.After));
            entry.Actor = actor.Length <= 200 ? actor : actor[..200];
            return entry;
        });
        var helper = db.GetService<ISqlGenerationHelper>();
        var type = db.Model.FindEntityType(typeof(AuditEntry))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {nameof(AuditEntry)}; bulk changes cannot be audited on it.");
        var properties = Columns.Select(name => type.FindProperty(name)!).ToArray();

        // The columns' own type mappings, value converters included, so each value is stored exactly as SaveChanges would.
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var prefix = InsertPrefix(helper, type, properties);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(prefix);
            var parameters = new List<object>(chunk.Length * Columns.Length);
            for (var row = 0; row < chunk.Length; row++)
            {
                sql.Append(row == 0 ? "\n(" : ",\n(");
                for (var column = 0; column < Columns.Length; column++)
                {
                    var name = "b" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    sql.Append(column == 0 ? "" : ", ").Append(helper.GenerateParameterNamePlaceholder(name));
                    parameters.Add(mappings[column].CreateParameter(factory, helper.GenerateParameterName(name), Value(chunk[row], column), properties[column].IsNullable));
                }

                sql.Append(')');
            }

            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string InsertPrefix(ISqlGenerationHelper helper, IEntityType type, IProperty[] properties)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!));
        return $"INSERT INTO {helper.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns)}) VALUES";
    }

    private static object? Value(AuditEntry entry, int column) => column switch
    {
        0 => entry.At,
        1 => entry.Actor,
        2 => entry.Action,
        3 => entry.SubjectType,
        4 => entry.SubjectId,
        5 => entry.Before,
        6 => entry.After,
        _ => entry.CorrelationId,
    };
}
