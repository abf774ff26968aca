using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TongguanDbContext"/> for the provider named by <c>Tongguan:Database:Provider</c>
    /// (resolved when a context is created, so tests can switch providers per host) and, when
    /// <c>MigrateOnStart</c> is set, applies pending migrations before the other hosted services start.
    /// </summary>
    public static IServiceCollection AddTongguanDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<DatabaseOptions>, DatabaseOptionsDefaults>();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // Pooled: every request and every engine call gets a context; re-using them saves their set-up per call.
        services.AddDbContextPool<SqliteTongguanDbContext>(Configure);
        services.AddDbContextPool<PostgreSqlTongguanDbContext>(Configure);
        services.AddDbContextPool<SqlServerTongguanDbContext>(Configure);
        services.AddScoped<TongguanDbContext>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.PostgreSql => provider.GetRequiredService<PostgreSqlTongguanDbContext>(),
                DatabaseProvider.SqlServer => provider.GetRequiredService<SqlServerTongguanDbContext>(),
                _ => provider.GetRequiredService<SqliteTongguanDbContext>(),
            });

        // Registered before the engine's hosted services so that they start on an up-to-date schema.
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private static void Configure(IServiceProvider provider, DbContextOptionsBuilder builder)
    {
        var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        DatabaseProviders.Configure(builder, options.Provider, options.ConnectionString!);

        // Audit entries for every change, in the same SaveChanges (src/Cases/Audit); absent when AddAudit was not called.
        if (provider.GetService<Audit.AuditSaveChangesInterceptor>() is { } audit)
        {
            builder.AddInterceptors(audit);
        }
    }
}

/// <summary>Fills in the embedded SQLite default and anchors relative SQLite files at the content root.</summary>
internal sealed class DatabaseOptionsDefaults(IHostEnvironment environment) : IPostConfigureOptions<DatabaseOptions>
{
    public void PostConfigure(string? name, DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={DatabaseOptions.DefaultSqliteFile}"
            : options.ConnectionString;
        options.ConnectionString = DatabaseProviders.PrepareSqlite(connectionString, environment.ContentRootPath);
    }
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:Provider must be one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:ConnectionString is required for the {options.Provider} provider.");
        }

        if (options.StartupTimeout < TimeSpan.Zero || options.StartupTimeout > DatabaseOptions.MaxStartupTimeout)
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:StartupTimeout must be from 00:00:00 (one attempt) to {DatabaseOptions.MaxStartupTimeout:c}; it is {options.StartupTimeout:c}.");
        }

        if (options.StartupRetryMaxDelay < TimeSpan.FromMilliseconds(100) || options.StartupRetryMaxDelay > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.SectionName}:StartupRetryMaxDelay must be from 00:00:00.1 to 00:10:00; it is {options.StartupRetryMaxDelay:c}.");
        }

        return ValidateOptionsResult.Success;
    }
}
