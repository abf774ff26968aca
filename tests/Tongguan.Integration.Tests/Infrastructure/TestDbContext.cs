using Microsoft.EntityFrameworkCore;
using Tongguan.Workflows.EntityFrameworkCore;

namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>An application context: its own entities plus the engine's tables, as a host would have it.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CaseNote>(b =>
        {
            b.ToTable("test_case_notes");
            b.HasKey(n => n.Id);
            b.Property(n => n.Text).HasMaxLength(200).IsRequired();
        });
        modelBuilder.ApplyWorkflowModel(Database.ProviderName);
    }
}

/// <summary>A stand-in for an application entity changed in the same transaction as the engine.</summary>
public sealed class CaseNote
{
    public Guid Id { get; set; }

    public string Text { get; set; } = "";
}
