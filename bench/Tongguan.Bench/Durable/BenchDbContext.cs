using Microsoft.EntityFrameworkCore;
using Tongguan.Workflows.EntityFrameworkCore;

namespace Tongguan.Bench.Durable;

/// <summary>An application context holding only the engine's tables, as a host's context would hold them beside its own.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowModel(Database.ProviderName);
}
