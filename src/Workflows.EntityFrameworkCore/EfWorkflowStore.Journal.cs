using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.EntityFrameworkCore;

/// <summary>
/// The journal's rows of a unit of work, written by one multi-row INSERT in the unit's transaction instead of as tracked
/// entities: a start journals five rows or so, and tracking them, then inserting each with its own statement and reading
/// its sequence back, was a large part of a start's cost. Nothing reads a journal row's sequence before commit.
/// PostgreSQL only: its identities follow the VALUES' order and its row locks let the INSERT come before the tracked
/// rows' save. On SQLite the transaction it opens early would hold the database's one write lock through the whole
/// save (and through the saving-changes interceptors), so SQLite, like SQL Server, keeps the tracked path.
/// </summary>
public sealed partial class EfWorkflowStore<TContext>
{
    /// <summary>Rows per INSERT: well under every provider's limit of parameters per statement.</summary>
    private const int JournalRowsPerStatement = 100;

    private static readonly ConcurrentDictionary<IModel, JournalInsert> JournalInserts = new();

    private readonly List<JournalRecord> _journal = [];

    private bool WritesJournalInBulk => _db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static JournalRecord Row(JournalEntry e) => new()
    {
        InstanceId = e.InstanceId,
        DefinitionKey = e.DefinitionKey,
        DefinitionVersion = e.DefinitionVersion,
        BusinessKey = e.BusinessKey,
        NodeId = e.NodeId,
        NodeType = e.NodeType,
        EventType = e.EventType,
        At = e.At,
        ActorId = e.ActorId,
        ExecutionId = e.ExecutionId,
        Detail = e.Detail,
        DataJson = e.Data?.ToJsonString(),
    };

    /// <summary>Inserts the unit of work's journal rows; the caller has a transaction open.</summary>
    private async Task InsertJournalAsync(CancellationToken cancellationToken)
    {
        var insert = JournalInserts.GetOrAdd(_db.Model, static (model, db) => JournalInsert.For(model, db.GetService<ISqlGenerationHelper>()), _db);
        // Parameters made by the columns' type mappings (their value converters included); the statement goes through
        // EF Core's raw SQL so that the context's command interceptors see it like any other.
        await using var factory = _db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in _journal.Chunk(JournalRowsPerStatement))
        {
            var parameters = new List<object>(chunk.Length * insert.Columns.Count);
            foreach (var row in chunk)
            {
                foreach (var column in insert.Columns)
                {
                    parameters.Add(column.Mapping.CreateParameter(factory, "j" + parameters.Count, column.Value(row), column.Nullable));
                }
            }

            try
            {
                await _db.Database.ExecuteSqlRawAsync(insert.Sql(chunk.Length), parameters, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // As SaveChanges reports a failed write.
                throw new DbUpdateException("The workflow journal's rows could not be saved; nothing of this unit of work was.", ex);
            }
        }
    }

    private sealed record JournalColumn(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<JournalRecord, object?> Value);

    /// <summary>The journal table's INSERT for one model: its delimited names and each column's type mapping (with its converter).</summary>
    private sealed class JournalInsert
    {
        private static readonly Dictionary<string, Func<JournalRecord, object?>> Values = new(StringComparer.Ordinal)
        {
            [nameof(JournalRecord.InstanceId)] = r => r.InstanceId,
            [nameof(JournalRecord.DefinitionKey)] = r => r.DefinitionKey,
            [nameof(JournalRecord.DefinitionVersion)] = r => r.DefinitionVersion,
            [nameof(JournalRecord.BusinessKey)] = r => r.BusinessKey,
            [nameof(JournalRecord.NodeId)] = r => r.NodeId,
            [nameof(JournalRecord.NodeType)] = r => r.NodeType,
            [nameof(JournalRecord.EventType)] = r => r.EventType,
            [nameof(JournalRecord.At)] = r => r.At,
            [nameof(JournalRecord.ActorId)] = r => r.ActorId,
            [nameof(JournalRecord.ExecutionId)] = r => r.ExecutionId,
            [nameof(JournalRecord.Detail)] = r => r.Detail,
            [nameof(JournalRecord.DataJson)] = r => r.DataJson,
        };

        private readonly string _head;
        private readonly ConcurrentDictionary<int, string> _sql = new();

        private JournalInsert(string head, IReadOnlyList<JournalColumn> columns)
        {
            _head = head;
            Columns = columns;
        }

        public IReadOnlyList<JournalColumn> Columns { get; }

        public static JournalInsert For(IModel model, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(typeof(JournalRecord)) ?? throw new InvalidOperationException("The journal is not in the model.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            // Every mapped property but the identity the database assigns; a property added to the record without a
            // value here fails loudly rather than being left out of the journal.
            var columns = entity.GetProperties()
                .Where(p => p.ValueGenerated != ValueGenerated.OnAdd)
                .Select(p => new JournalColumn(
                    p.GetColumnName(table) ?? throw new InvalidOperationException($"Journal property {p.Name} has no column."),
                    (RelationalTypeMapping)p.GetTypeMapping(),
                    p.IsNullable,
                    Values.TryGetValue(p.Name, out var value) ? value : throw new InvalidOperationException($"Journal property {p.Name} has no value in the bulk INSERT.")))
                .ToList();
            var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
            return new JournalInsert(head, columns);
        }

        public string Sql(int rows) => _sql.GetOrAdd(rows, n =>
        {
            var text = new StringBuilder(_head);
            var parameter = 0;
            for (var row = 0; row < n; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < Columns.Count; column++)
                {
                    text.Append(column == 0 ? "@j" : ", @j").Append(parameter++);
                }

                text.Append(')');
            }

            return text.ToString();
        });
    }
}
