using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.EntityFrameworkCore.Configuration;

internal sealed class InstanceRecordConfiguration : IEntityTypeConfiguration<InstanceRecord>
{
    public void Configure(EntityTypeBuilder<InstanceRecord> builder)
    {
        builder.ToTable("wf_instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.DefinitionKey).HasMaxLength(ColumnSizes.Key).IsRequired();
        builder.Property(i => i.BusinessKey).HasMaxLength(ColumnSizes.BusinessKey);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(ColumnSizes.Enum);
        builder.Property(i => i.StateJson).IsRequired();
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => i.BusinessKey);
        builder.HasIndex(i => new { i.DefinitionKey, i.Status });
        builder.HasIndex(i => i.DefinitionId);
        builder.HasIndex(i => i.ParentInstanceId);
    }
}

internal sealed class UserTaskRecordConfiguration : IEntityTypeConfiguration<UserTaskRecord>
{
    public void Configure(EntityTypeBuilder<UserTaskRecord> builder)
    {
        builder.ToTable("wf_tasks");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(ColumnSizes.BookmarkId);
        builder.Property(t => t.DefinitionKey).HasMaxLength(ColumnSizes.Key).IsRequired();
        builder.Property(t => t.BusinessKey).HasMaxLength(ColumnSizes.BusinessKey);
        builder.Property(t => t.NodeId).HasMaxLength(ColumnSizes.NodeId).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(ColumnSizes.Name);
        builder.Property(t => t.FormKey).HasMaxLength(ColumnSizes.Name);
        builder.Property(t => t.Assignee).HasMaxLength(ColumnSizes.Actor);
        builder.Property(t => t.CompletedBy).HasMaxLength(ColumnSizes.Actor);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(ColumnSizes.Enum);
        builder.HasMany(t => t.Candidates).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => new { t.Assignee, t.Status });
        builder.HasIndex(t => t.InstanceId);
    }
}

internal sealed class TaskCandidateConfiguration : IEntityTypeConfiguration<TaskCandidate>
{
    public void Configure(EntityTypeBuilder<TaskCandidate> builder)
    {
        builder.ToTable("wf_task_candidates");
        builder.HasKey(c => new { c.TaskId, c.Kind, c.Value });
        builder.Property(c => c.TaskId).HasMaxLength(ColumnSizes.BookmarkId);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(ColumnSizes.Enum);
        builder.Property(c => c.Value).HasMaxLength(ColumnSizes.Actor);
        builder.HasIndex(c => new { c.Kind, c.Value, c.TaskEnded });
    }
}

internal sealed class MessageSubscriptionRecordConfiguration : IEntityTypeConfiguration<MessageSubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<MessageSubscriptionRecord> builder)
    {
        builder.ToTable("wf_message_subscriptions");
        builder.HasKey(s => s.BookmarkId);
        builder.Property(s => s.BookmarkId).HasMaxLength(ColumnSizes.BookmarkId);
        builder.Property(s => s.NodeId).HasMaxLength(ColumnSizes.NodeId).IsRequired();
        builder.Property(s => s.MessageName).HasMaxLength(ColumnSizes.Name).IsRequired();
        builder.Property(s => s.CorrelationKey).HasMaxLength(ColumnSizes.BusinessKey);
        builder.HasIndex(s => new { s.MessageName, s.CorrelationKey });
        builder.HasIndex(s => s.InstanceId);
    }
}

internal sealed class TimerRecordConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> builder)
    {
        builder.ToTable("wf_timers");
        builder.HasKey(t => t.BookmarkId);
        builder.Property(t => t.BookmarkId).HasMaxLength(ColumnSizes.BookmarkId);
        builder.Property(t => t.NodeId).HasMaxLength(ColumnSizes.NodeId).IsRequired();
        builder.Property(t => t.DefinitionKey).HasMaxLength(ColumnSizes.Key);
        builder.Ignore(t => t.IsStartTimer);
        builder.HasIndex(t => t.DueAt);
        builder.HasIndex(t => t.InstanceId);
        builder.HasIndex(t => t.DefinitionKey);
    }
}

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        builder.ToTable("wf_jobs");
        builder.HasKey(j => j.BookmarkId);
        builder.Property(j => j.BookmarkId).HasMaxLength(ColumnSizes.BookmarkId);
        builder.Property(j => j.NodeId).HasMaxLength(ColumnSizes.NodeId).IsRequired();
        builder.Property(j => j.Handler).HasMaxLength(ColumnSizes.Name).IsRequired();
        builder.Property(j => j.LockOwner).HasMaxLength(ColumnSizes.Actor);
        builder.HasIndex(j => j.NextAttemptAt);
        builder.HasIndex(j => j.InstanceId);
    }
}

internal sealed class CallLinkRecordConfiguration : IEntityTypeConfiguration<CallLinkRecord>
{
    public void Configure(EntityTypeBuilder<CallLinkRecord> builder)
    {
        builder.ToTable("wf_call_links");
        builder.HasKey(c => c.BookmarkId);
        builder.Property(c => c.BookmarkId).HasMaxLength(ColumnSizes.BookmarkId);
        builder.Property(c => c.CallActivityNodeId).HasMaxLength(ColumnSizes.NodeId).IsRequired();
        builder.HasIndex(c => c.ParentInstanceId);
        builder.HasIndex(c => c.ChildInstanceId);
    }
}

internal sealed class IncidentRecordConfiguration : IEntityTypeConfiguration<IncidentRecord>
{
    public void Configure(EntityTypeBuilder<IncidentRecord> builder)
    {
        builder.ToTable("wf_incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.BookmarkId).HasMaxLength(ColumnSizes.BookmarkId).IsRequired();
        builder.Property(i => i.NodeId).HasMaxLength(ColumnSizes.NodeId).IsRequired();
        builder.Property(i => i.Handler).HasMaxLength(ColumnSizes.Name);
        builder.Property(i => i.Message).IsRequired();
        builder.Property(i => i.ResolvedBy).HasMaxLength(ColumnSizes.Actor);
        builder.HasIndex(i => new { i.InstanceId, i.ResolvedAt });
        builder.HasIndex(i => i.ResolvedAt);
    }
}

internal sealed class JournalRecordConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> builder)
    {
        builder.ToTable("wf_journal");
        builder.HasKey(j => j.Sequence);
        builder.Property(j => j.Sequence).ValueGeneratedOnAdd();
        builder.Property(j => j.DefinitionKey).HasMaxLength(ColumnSizes.Key).IsRequired();
        builder.Property(j => j.BusinessKey).HasMaxLength(ColumnSizes.BusinessKey);
        builder.Property(j => j.NodeId).HasMaxLength(ColumnSizes.NodeId);
        builder.Property(j => j.NodeType).HasMaxLength(ColumnSizes.Enum * 2);
        builder.Property(j => j.EventType).HasConversion<string>().HasMaxLength(ColumnSizes.Enum);
        builder.Property(j => j.ActorId).HasMaxLength(ColumnSizes.Actor).IsRequired();
        builder.Property(j => j.ExecutionId).HasMaxLength(ColumnSizes.NodeId);
        builder.HasIndex(j => new { j.InstanceId, j.Sequence });
        builder.HasIndex(j => new { j.DefinitionKey, j.At });
        builder.HasIndex(j => new { j.NodeId, j.At });
        // The XES export reads the journal case by case in order (business key, then sequence): with this index the
        // database streams it in index order instead of sorting millions of rows first.
        builder.HasIndex(j => new { j.BusinessKey, j.Sequence });
    }
}
