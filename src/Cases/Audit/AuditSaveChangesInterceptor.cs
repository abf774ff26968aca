using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongguan.Cases.Audit;

/// <summary>
/// Adds one <see cref="AuditEntry"/> per added, modified or deleted entity to the same <c>SaveChanges</c>, so the
/// entry commits or rolls back with the change itself. Tables that are the engine's own bookkeeping (already in its
/// journal) are left out; every other table, including ones added later (users), is audited. Bulk
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> statements bypass <c>SaveChanges</c> and so this interceptor.
/// Stateless; one instance serves every context.
/// </summary>
public sealed class AuditSaveChangesInterceptor(AuditContext audit) : SaveChangesInterceptor
{
    /// <summary>
    /// The engine's execution bookkeeping: changes on every step, recorded by the engine's journal (wf_journal), and
    /// would only bury the human and business changes. The audit table itself is never audited.
    /// </summary>
    public static readonly IReadOnlySet<string> UnauditedTables = new HashSet<string>(StringComparer.Ordinal)
    {
        AuditEntryConfiguration.TableName, "wf_instances", "wf_jobs", "wf_timers", "wf_journal", "wf_message_subscriptions",
        "wf_call_links", "wf_task_candidates", "wf_message_starts",
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is AuditEntry)
            {
                continue;
            }

            var table = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name;
            if (UnauditedTables.Contains(table) || entry.Metadata.IsOwned())
            {
                continue;
            }

            entries.Add(ToEntry(entry, table));
        }

        if (entries.Count > 0)
        {
            context.AddRange(entries);
        }
    }

    private AuditEntry ToEntry(EntityEntry entry, string table)
    {
        var key = entry.Metadata.FindPrimaryKey();
        var subjectId = key is null
            ? "?"
            : string.Join("|", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
        var properties = entry.Properties.ToList();
        return entry.State switch
        {
            EntityState.Added => audit.Entry($"{table}.added", table, subjectId, null, AuditValues.ToJson(properties.Select(p => Pair(p, p.CurrentValue)))),
            EntityState.Deleted => audit.Entry($"{table}.deleted", table, subjectId, AuditValues.ToJson(properties.Select(p => Pair(p, p.OriginalValue))), null),
            _ => audit.Entry(
                $"{table}.modified",
                table,
                subjectId,
                AuditValues.ToJson(properties.Where(p => p.IsModified).Select(p => Pair(p, p.OriginalValue))),
                AuditValues.ToJson(properties.Where(p => p.IsModified).Select(p => Pair(p, p.CurrentValue)))),
        };
    }

    private static KeyValuePair<string, object?> Pair(PropertyEntry property, object? value) => new(property.Metadata.Name, value);
}
