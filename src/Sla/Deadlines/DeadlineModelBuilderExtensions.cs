using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongguan.Sla.Deadlines.Adjustments;
using Tongguan.Workflows.EntityFrameworkCore;

namespace Tongguan.Sla.Deadlines;

/// <summary>Adds the deadline table (<c>sla_deadlines</c>) to an application's <see cref="DbContext"/> model.</summary>
public static class DeadlineModelBuilderExtensions
{
    /// <summary>
    /// Call from <c>OnModelCreating</c>: <c>modelBuilder.ApplySlaModel(Database.ProviderName);</c>. As with the
    /// engine's tables, SQLite stores times as UTC ticks so that "due before" filters and ordering run in SQL
    /// (SQLite cannot compare <see cref="DateTimeOffset"/> text); other providers store them natively, in UTC.
    /// </summary>
    public static ModelBuilder ApplySlaModel(this ModelBuilder modelBuilder, string? providerName)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new DeadlineRecordConfiguration());
        modelBuilder.ApplyConfiguration(new DeadlineAdjustmentRecordConfiguration());
        modelBuilder.StoreTimesInUtc(providerName, [typeof(DeadlineRecord), typeof(DeadlineAdjustmentRecord)]);
        return modelBuilder;
    }
}

internal sealed class DeadlineRecordConfiguration : IEntityTypeConfiguration<DeadlineRecord>
{
    public void Configure(EntityTypeBuilder<DeadlineRecord> builder)
    {
        builder.ToTable("sla_deadlines");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.BookmarkId).HasMaxLength(200).IsRequired();
        builder.Property(d => d.NodeId).HasMaxLength(200).IsRequired();
        builder.Property(d => d.DefinitionKey).HasMaxLength(200).IsRequired();
        builder.Property(d => d.BusinessKey).HasMaxLength(200);
        builder.Property(d => d.Limit).HasMaxLength(50).IsRequired();
        builder.Property(d => d.CalendarKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);

        // The sweep's scans: pending deadlines by due time and by warning time.
        builder.HasIndex(d => new { d.DueAt, d.Status });
        builder.HasIndex(d => new { d.WarningAt, d.Status });
        builder.HasIndex(d => d.InstanceId);
        builder.HasIndex(d => d.BookmarkId).IsUnique();
    }
}

internal sealed class DeadlineAdjustmentRecordConfiguration : IEntityTypeConfiguration<DeadlineAdjustmentRecord>
{
    public void Configure(EntityTypeBuilder<DeadlineAdjustmentRecord> builder)
    {
        builder.ToTable("sla_deadline_adjustments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Extension).HasMaxLength(50);
        builder.Property(a => a.Reason).HasMaxLength(2000).IsRequired();
        builder.Property(a => a.RequestedBy).HasMaxLength(200).IsRequired();
        builder.Property(a => a.DecidedBy).HasMaxLength(200);
        builder.Property(a => a.DecisionNote).HasMaxLength(2000);
        builder.Property(a => a.EndedBy).HasMaxLength(200);
        builder.HasIndex(a => a.DeadlineId);
        builder.HasIndex(a => a.InstanceId);
    }
}
