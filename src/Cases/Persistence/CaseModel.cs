using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongguan.Cases.Model;
using Tongguan.Workflows.EntityFrameworkCore;

namespace Tongguan.Cases.Persistence;

/// <summary>The case tables, beside the engine's and the deadlines' in the one database.</summary>
internal static class CaseModel
{
    public static ModelBuilder ApplyCaseModel(this ModelBuilder modelBuilder, string? providerName)
    {
        modelBuilder.ApplyConfiguration(new CaseConfiguration());
        modelBuilder.ApplyConfiguration(new ReportConfiguration());
        modelBuilder.ApplyConfiguration(new CaseEventConfiguration());
        modelBuilder.ApplyConfiguration(new CaseAttachmentConfiguration());
        modelBuilder.ApplyConfiguration(new Open311.ApiKeys.Open311ApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new SlaApply.SlaLimitChangeConfiguration());
        modelBuilder.ApplyConfiguration(new Audit.AuditEntryConfiguration());
        modelBuilder.StoreTimesInUtc(providerName, [typeof(Case), typeof(Report), typeof(CaseEvent), typeof(CaseAttachment), typeof(Open311.ApiKeys.Open311ApiKey), typeof(SlaApply.SlaLimitChange), typeof(Audit.AuditEntry)]);
        return modelBuilder;
    }

    private sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
    {
        public void Configure(EntityTypeBuilder<Case> builder)
        {
            builder.ToTable("cases");
            builder.HasKey(c => c.Id);
            builder.Property(c => c.Number).HasMaxLength(40);
            builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(30);
            builder.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(20);
            builder.Property(c => c.CategoryCode).HasMaxLength(20);
            builder.Property(c => c.Description).HasMaxLength(4000);
            builder.Property(c => c.Address).HasMaxLength(300);
            foreach (var unit in new[] { nameof(Case.GridCellId), nameof(Case.CommunityId), nameof(Case.StreetId), nameof(Case.DistrictId), nameof(Case.ResponsibleUnitId), nameof(Case.EscalatedToUnitId), nameof(Case.MergedInto) })
            {
                builder.Property(unit).HasMaxLength(60);
            }

            builder.Property(c => c.EscalationLevel).HasMaxLength(20);
            builder.Property(c => c.Satisfaction).HasMaxLength(30);
            builder.Property(c => c.Resolution).HasMaxLength(4000);
            builder.Property(c => c.RejectionReason).HasMaxLength(4000);
            builder.HasMany(c => c.Reports).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);

            builder.HasIndex(c => c.Number).IsUnique();

            // Duplicate lookup: WHERE bucket_key IN (the 3×3 block) AND last_reported_at >= now - window.
            builder.HasIndex(c => new { c.BucketKey, c.LastReportedAt });
            builder.HasIndex(c => new { c.Status, c.CreatedAt });
            builder.HasIndex(c => c.ResponsibleUnitId);
        }
    }

    private sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
    {
        public void Configure(EntityTypeBuilder<Report> builder)
        {
            builder.ToTable("case_reports");
            builder.HasKey(r => r.Id);
            builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(30);
            builder.Property(r => r.Link).HasConversion<string>().HasMaxLength(20);
            builder.Property(r => r.IdempotencyKey).HasMaxLength(100);
            builder.Property(r => r.ExternalId).HasMaxLength(100);
            builder.Property(r => r.CategoryCode).HasMaxLength(20);
            builder.Property(r => r.Text).HasMaxLength(4000);
            builder.Property(r => r.Address).HasMaxLength(300);
            builder.Property(r => r.ReporterName).HasMaxLength(100);
            builder.Property(r => r.ReporterPhone).HasMaxLength(30);
            builder.Property(r => r.ReporterPhoneHash).HasMaxLength(64);
            builder.Property(r => r.TrackingCode).HasMaxLength(20);
            builder.Property(r => r.ReceivedBy).HasMaxLength(100);
            builder.Property(r => r.MergeReasons).HasMaxLength(4000);

            // A retried submission with the same key finds its report instead of making a second case.
            builder.HasIndex(r => new { r.Channel, r.IdempotencyKey }).IsUnique();
            builder.HasIndex(r => r.CaseId);
            builder.HasIndex(r => r.TrackingCode).IsUnique();
        }
    }

    private sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
    {
        public void Configure(EntityTypeBuilder<CaseEvent> builder)
        {
            builder.ToTable("case_events");
            builder.HasKey(e => e.Id);
            builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
            builder.Property(e => e.TaskId).HasMaxLength(200);
            builder.Property(e => e.Actor).HasMaxLength(100);
            builder.Property(e => e.Text).HasMaxLength(4000);
            builder.Property(e => e.OrgUnitId).HasMaxLength(60);
            builder.HasIndex(e => new { e.CaseId, e.At });
        }
    }

    private sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
    {
        public void Configure(EntityTypeBuilder<CaseAttachment> builder)
        {
            builder.ToTable("case_attachments");
            builder.HasKey(a => a.Id);
            builder.Property(a => a.TaskId).HasMaxLength(200);
            builder.Property(a => a.StorageKey).HasMaxLength(200);
            builder.Property(a => a.FileName).HasMaxLength(200);
            builder.Property(a => a.ContentType).HasMaxLength(100);
            builder.Property(a => a.Sha256).HasMaxLength(64);
            builder.Property(a => a.UploadedBy).HasMaxLength(100);
            builder.HasIndex(a => a.CaseId);
        }
    }
}
