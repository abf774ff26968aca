using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongguan.Cases.SlaApply;

/// <summary>
/// One applied limit (table <c>sla_limit_changes</c>): who changed which step's limit of which process, from what to
/// what, and on which version the draft was based. Rows are only ever added.
/// </summary>
public sealed class SlaLimitChange
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The designer who applied it (the caller's user id).</summary>
    public required string AppliedBy { get; set; }

    public required string DefinitionKey { get; set; }

    /// <summary>The latest published version when the change was applied; null when the key had none yet.</summary>
    public int? BaseVersion { get; set; }

    /// <summary>True when the change was made on top of an existing draft rather than on the published XML.</summary>
    public bool OnDraft { get; set; }

    public required string NodeId { get; set; }

    /// <summary>The case category the limit is for; null for the step's default (<c>tg:timeLimit</c>).</summary>
    public string? CategoryCode { get; set; }

    /// <summary>The limit cases of this category got at this step before (ISO-8601); null when there was none.</summary>
    public string? OldLimit { get; set; }

    /// <summary>Where <see cref="OldLimit"/> came from: <c>categoryLimits</c>, <c>referenceData</c> or <c>timeLimit</c>.</summary>
    public string? OldLimitSource { get; set; }

    public required string NewLimit { get; set; }

    /// <summary>The new limit gives more time than the old one (allowed, but worth a second look before publishing).</summary>
    public bool Loosened { get; set; }

    public string? Note { get; set; }
}

internal sealed class SlaLimitChangeConfiguration : IEntityTypeConfiguration<SlaLimitChange>
{
    public void Configure(EntityTypeBuilder<SlaLimitChange> builder)
    {
        builder.ToTable("sla_limit_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.AppliedBy).HasMaxLength(100);
        builder.Property(c => c.DefinitionKey).HasMaxLength(200);
        builder.Property(c => c.NodeId).HasMaxLength(200);
        builder.Property(c => c.CategoryCode).HasMaxLength(20);
        builder.Property(c => c.OldLimit).HasMaxLength(40);
        builder.Property(c => c.OldLimitSource).HasMaxLength(20);
        builder.Property(c => c.NewLimit).HasMaxLength(40);
        builder.Property(c => c.Note).HasMaxLength(2000);
        builder.HasIndex(c => new { c.DefinitionKey, c.At });
    }
}
