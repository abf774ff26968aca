using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tongguan.Workflows.EntityFrameworkCore.Configuration;

namespace Tongguan.Workflows.EntityFrameworkCore;

/// <summary>Adds the engine's tables (<c>wf_*</c>) to an application's <see cref="DbContext"/> model.</summary>
public static class WorkflowModelBuilderExtensions
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> ToUtc =
        new(v => v.ToUniversalTime(), v => v);

    /// <summary>
    /// Call from <c>OnModelCreating</c>: <c>modelBuilder.ApplyWorkflowModel(Database.ProviderName);</c>.
    /// </summary>
    /// <param name="modelBuilder">The application's model builder.</param>
    /// <param name="providerName">The context's <c>Database.ProviderName</c>. On SQLite, times are stored as
    /// UTC ticks so that due-time filters and ordering run in SQL; elsewhere as the provider's native
    /// date-time-offset type, normalised to UTC (PostgreSQL's <c>timestamptz</c> accepts only UTC).</param>
    public static ModelBuilder ApplyWorkflowModel(this ModelBuilder modelBuilder, string? providerName)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(WorkflowModelBuilderExtensions).Assembly,
            t => t.Namespace == typeof(DefinitionRecordConfiguration).Namespace);

        modelBuilder.StoreTimesInUtc(providerName, WorkflowEntityTypes.All);
        return modelBuilder;
    }

    /// <summary>
    /// Stores every <see cref="DateTimeOffset"/> property of <paramref name="entityTypes"/> so that SQL can filter and
    /// order by it: as UTC ticks on SQLite (which cannot compare date-time-offset text), elsewhere natively, in UTC.
    /// For modules that add their own tables next to the engine's.
    /// </summary>
    public static ModelBuilder StoreTimesInUtc(this ModelBuilder modelBuilder, string? providerName, IEnumerable<Type> entityTypes)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(entityTypes);
        var converter = string.Equals(providerName, SqliteProvider, StringComparison.Ordinal)
            ? (ValueConverter)UtcTicks
            : ToUtc;
        var types = entityTypes.ToHashSet();
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(e => types.Contains(e.ClrType)))
        {
            foreach (var property in entityType.GetProperties()
                         .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(converter);
            }
        }

        return modelBuilder;
    }
}
