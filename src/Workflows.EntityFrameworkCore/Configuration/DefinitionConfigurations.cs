using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.EntityFrameworkCore.Configuration;

internal sealed class DefinitionRecordConfiguration : IEntityTypeConfiguration<DefinitionRecord>
{
    public void Configure(EntityTypeBuilder<DefinitionRecord> builder)
    {
        builder.ToTable("wf_definitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Key).HasMaxLength(ColumnSizes.Key).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(ColumnSizes.Name);
        builder.Property(d => d.Xml).IsRequired();
        builder.Property(d => d.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(d => d.PublishedBy).HasMaxLength(ColumnSizes.Actor).IsRequired();
        builder.HasIndex(d => new { d.Key, d.Version }).IsUnique();
    }
}

internal sealed class DefinitionDraftConfiguration : IEntityTypeConfiguration<DefinitionDraft>
{
    public void Configure(EntityTypeBuilder<DefinitionDraft> builder)
    {
        builder.ToTable("wf_definition_drafts");
        builder.HasKey(d => d.Key);
        builder.Property(d => d.Key).HasMaxLength(ColumnSizes.Key);
        builder.Property(d => d.Xml).IsRequired();
        builder.Property(d => d.UpdatedBy).HasMaxLength(ColumnSizes.Actor).IsRequired();
    }
}

internal sealed class MessageStartRecordConfiguration : IEntityTypeConfiguration<MessageStartRecord>
{
    public void Configure(EntityTypeBuilder<MessageStartRecord> builder)
    {
        builder.ToTable("wf_message_starts");
        builder.HasKey(m => new { m.DefinitionId, m.StartEventId });
        builder.Property(m => m.StartEventId).HasMaxLength(ColumnSizes.NodeId);
        builder.Property(m => m.DefinitionKey).HasMaxLength(ColumnSizes.Key).IsRequired();
        builder.Property(m => m.MessageName).HasMaxLength(ColumnSizes.Name).IsRequired();
        builder.HasIndex(m => m.MessageName);
        builder.HasIndex(m => m.DefinitionKey);
    }
}

/// <summary>Bounded lengths so every provider (SQL Server included) can index the columns.</summary>
internal static class ColumnSizes
{
    public const int Key = 200;
    public const int Name = 400;
    public const int NodeId = 200;
    public const int Actor = 200;
    public const int BookmarkId = 64;
    public const int BusinessKey = 200;
    public const int Enum = 32;
}
