using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Persistence;
using Tongguan.Sla.Calendar;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Integration.Tests.Http;

/// <summary>Configuration is checked when the host starts, not when the first request needs it.</summary>
public sealed class StartupOptionsTests
{
    [Fact]
    public void Start_Fails_WhenPostgreSqlHasNoConnectionString()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Tongguan:Database:Provider", "PostgreSql");
            builder.UseSetting("Tongguan:Database:ConnectionString", "");
        });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.Server);

        Assert.Contains("Tongguan:Database:ConnectionString is required for the PostgreSql provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteDefaults_PutTheDatabaseUnderTheContentRoot_AndDefinitionsAtTheRepository()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Tongguan:Database:MigrateOnStart", "false");
            builder.UseSetting("Tongguan:Workflows:Worker:Enabled", "false");
            builder.ConfigureServices(services => services.RemoveAll<IHostedService>());
        });

        var database = factory.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var workflows = factory.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var environment = factory.Services.GetRequiredService<IHostEnvironment>();

        Assert.Equal(DatabaseProvider.Sqlite, database.Provider);
        Assert.Contains(Path.Combine(environment.ContentRootPath, "data", "tongguan.db"), database.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..")), "definitions"), workflows.DefinitionsFolder);
        Assert.True(File.Exists(Path.Combine(workflows.DefinitionsFolder!, "report-handling.bpmn")));
    }

    [Fact]
    public void BusinessCalendar_IsLoadedFromTheRepositoryCalendars_WithChinasStatutoryHolidays()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Tongguan:Database:MigrateOnStart", "false");
            builder.ConfigureServices(services => services.RemoveAll<IHostedService>());
        });

        var calendar = factory.Services.GetRequiredService<BusinessCalendar>();

        Assert.Equal("Asia/Shanghai", calendar.TimeZone.Id);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 10, 11)));
    }
}
