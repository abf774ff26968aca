using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Bench.SlaScale;

/// <summary>
/// Writes <see cref="CaseRows"/> in chunks. PostgreSQL: one binary COPY per table and chunk (Npgsql's binary import),
/// columns and value conversions taken from the EF model, so the rows are exactly what EF would have written; tables
/// in foreign-key order. SQLite (no COPY): EF inserts in one transaction per chunk.
/// </summary>
internal static class HistoryWriter
{
    public static async Task<long> WriteAsync(TongguanDbContext db, IEnumerable<CaseRows> cases, int chunk, Action<long, long> progress, CancellationToken cancellationToken)
    {
        var batch = new List<CaseRows>(chunk);
        var journal = 0L;
        var count = 0L;
        foreach (var rows in cases)
        {
            batch.Add(rows);
            if (batch.Count == chunk)
            {
                await FlushAsync(db, batch, cancellationToken);
                count += batch.Count;
                journal += batch.Sum(b => b.Journal.Count);
                progress(count, journal);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync(db, batch, cancellationToken);
            count += batch.Count;
        }

        return count;
    }

    private static async Task FlushAsync(TongguanDbContext db, List<CaseRows> batch, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await CopyAsync(db, connection, batch.Select(b => b.Case), cancellationToken);
            await CopyAsync(db, connection, batch.SelectMany(b => b.Instances), cancellationToken);
            await CopyAsync(db, connection, batch.SelectMany(b => b.Tasks), cancellationToken);
            await CopyAsync(db, connection, batch.SelectMany(b => b.Candidates), cancellationToken);
            await CopyAsync(db, connection, batch.SelectMany(b => b.Deadlines), cancellationToken);
            await CopyAsync(db, connection, batch.SelectMany(b => b.Journal), cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Set<Case>().AddRange(batch.Select(b => b.Case));
        db.Set<InstanceRecord>().AddRange(batch.SelectMany(b => b.Instances));
        db.Set<UserTaskRecord>().AddRange(batch.SelectMany(b => b.Tasks));
        db.Set<TaskCandidate>().AddRange(batch.SelectMany(b => b.Candidates));
        db.Set<DeadlineRecord>().AddRange(batch.SelectMany(b => b.Deadlines));
        db.Set<JournalRecord>().AddRange(batch.SelectMany(b => b.Journal));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static async Task CopyAsync<T>(TongguanDbContext db, NpgsqlConnection connection, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Identity columns (the journal's sequence) are left to the database.
        var properties = entity.GetProperties()
            .Where(p => p.GetColumnName(table) is not null
                && !(p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(long) || p.ClrType == typeof(int))))
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping()))
            .ToList();
        var columns = string.Join(", ", properties.Select(p => $"\"{p.Column}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var (property, _, mapping) in properties)
            {
                var value = property.GetGetter().GetClrValue(row);
                if (value is not null && mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                switch (value)
                {
                    case null:
                        await importer.WriteNullAsync(cancellationToken);
                        break;
                    case DateTimeOffset instant:
                        await importer.WriteAsync(instant.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                        break;
                    case string text:
                        await importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                        break;
                    case Guid id:
                        await importer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                        break;
                    case int number:
                        await importer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken);
                        break;
                    case long number:
                        await importer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case bool flag:
                        await importer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken);
                        break;
                    case double real:
                        await importer.WriteAsync(real, NpgsqlDbType.Double, cancellationToken);
                        break;
                    default:
                        throw new NotSupportedException($"{entity.DisplayName()}.{property.Name}: {value.GetType()} has no COPY mapping here.");
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
