using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongguan.Cases.Audit;

/// <summary>
/// One line of the audit trail (<c>audit_entries</c>): a state change or a view of personal data. Written once, in
/// the transaction of what it records; the only later change the database allows is the sealer filling in
/// <see cref="ChainPosition"/> and <see cref="Hash"/> once (docs/operators/audit.md).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Allocated by the database when the entry is inserted; orders entries, but commit order may differ.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    /// <summary><c>{table}.added|modified|deleted</c> for entity changes, e.g. <c>personal-data.viewed</c> for views.</summary>
    public string Action { get; set; } = "";

    /// <summary>The table of the entity (<c>cases</c>, <c>wf_tasks</c> …), or another subject kind for views.</summary>
    public string SubjectType { get; set; } = "";

    /// <summary>The subject's key; composite keys joined with <c>|</c>.</summary>
    public string SubjectId { get; set; } = "";

    /// <summary>JSON object of the changed properties' old values; personal data masked, secrets redacted.</summary>
    public string? Before { get; set; }

    /// <summary>JSON object of the new values (or what was viewed); personal data masked, secrets redacted.</summary>
    public string? After { get; set; }

    /// <summary>The W3C trace id of the request (or job) that wrote the entry; ties together one request's entries.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>1, 2, 3 … in the order the sealer chained the entries; null until sealed.</summary>
    public long? ChainPosition { get; set; }

    /// <summary>SHA-256 (hex) of the previous entry's hash and this entry's canonical content; null until sealed.</summary>
    public string? Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string TableName = "audit_entries";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // Declared so that EF Core's SQL Server provider saves without an OUTPUT clause, which SQL Server refuses on a table
        // with an enabled trigger (error 334); the sealer's UPDATE would otherwise fail there. See AppendOnlyMigrations.cs.
        builder.ToTable(TableName, table => table.HasTrigger(AppendOnlyTriggers.SqlServerTriggerName));
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.SubjectType).HasMaxLength(100);
        builder.Property(e => e.SubjectId).HasMaxLength(300);
        builder.Property(e => e.CorrelationId).HasMaxLength(100);
        builder.Property(e => e.Hash).HasMaxLength(64).IsConcurrencyToken();

        builder.HasIndex(e => e.ChainPosition).IsUnique();
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId });
        builder.HasIndex(e => new { e.Actor, e.At });
        builder.HasIndex(e => e.At);
    }
}
