using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Integration.Tests.Infrastructure;
using Tongguan.Sla;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.EntityFrameworkCore;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Integration.Tests.Sla;

/// <summary>An application context with the engine's tables and the deadlines, as the host's context has them.</summary>
public sealed class DeadlineTestDbContext(DbContextOptions<DeadlineTestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyWorkflowModel(Database.ProviderName);
        modelBuilder.ApplySlaModel(Database.ProviderName);
    }
}

/// <summary>
/// The engine plus the deadline observer wired as the host wires them, over the fixture's real database (its
/// schema recreated from <see cref="DeadlineTestDbContext"/>), with a fake clock on Monday 2 March 2026, 09:00 in
/// Shanghai, and the shipped Chinese calendars.
/// </summary>
public sealed class DeadlineTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DatabaseFixture _database;

    public DeadlineTestHost(DatabaseFixture database)
    {
        _database = database;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Time);
        services.AddDbContext<DeadlineTestDbContext>(database.Configure);
        services.AddTongguanWorkflows(o => o.Worker.Enabled = false);
        services.AddWorkflowsEntityFrameworkCore<DeadlineTestDbContext>();
        services.AddSingleton<IServiceTaskHandler>(Handler);
        services.AddSla();
        services.AddSlaDeadlines<DeadlineTestDbContext>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public ScriptedHandler Handler { get; } = new();

    public IServiceProvider Services => _services;

    /// <summary>Replaces the fixture's schema (made for another context) with this context's tables.</summary>
    public async Task CreateSchemaAsync()
    {
        await using var scope = Scope();
        await scope.Db.Database.EnsureDeletedAsync();
        await scope.Db.Database.EnsureCreatedAsync();
    }

    public DeadlineScope Scope() => new(_services.CreateAsyncScope());

    public async Task PublishAsync(string xml)
    {
        await using var scope = Scope();
        await scope.Definitions.PublishAsync(xml, new Actor("designer"));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public override string ToString() => _database.ProviderName;
}

/// <summary>One unit of work: the context, the runtime and the deadline queries on it.</summary>
public sealed class DeadlineScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public DeadlineTestDbContext Db => scope.ServiceProvider.GetRequiredService<DeadlineTestDbContext>();

    public WorkflowRuntime Runtime => scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();

    public WorkflowDefinitions Definitions => scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>();

    public IDeadlineQueries Deadlines => scope.ServiceProvider.GetRequiredService<IDeadlineQueries>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
