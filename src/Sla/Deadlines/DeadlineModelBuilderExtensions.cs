using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
        modelBuilder.StoreTimesInUtc(providerName, [typeof(DeadlineRecord)]);
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
