using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Workflows.EntityFrameworkCore;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>
/// The engine wired as an application wires it (DI, scoped context and runtime) over a real database, with
/// a fake clock and service task handlers the test controls. The worker is not started: tests poll explicitly.
/// </summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public WorkflowTestHost(DatabaseFixture database, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Time);
        services.AddDbContext<TestDbContext>(o =>
        {
            database.Configure(o);
            o.AddInterceptors(Crash);
        });
        services.AddTongguanWorkflows(o =>
        {
            o.Worker.Enabled = false;
            o.JobRetryBackoff = TimeSpan.FromSeconds(10);
        });
        services.AddWorkflowsEntityFrameworkCore<TestDbContext>();
        services.AddSingleton<IServiceTaskHandler>(Handler);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The handler named <c>test</c>: behaves as <see cref="ScriptedHandler.Behaviour"/> says.</summary>
    public ScriptedHandler Handler { get; } = new();

    /// <summary>Arm it to make the next matching SQL command fail, as a crash or lost connection would.</summary>
    public CrashingCommandInterceptor Crash { get; } = new();

    public IServiceProvider Services => _services;

    public TestScope Scope() => new(_services.CreateAsyncScope());

    public async Task<IReadOnlyList<PublishedDefinition>> PublishAsync(string xml)
    {
        await using var scope = Scope();
        var result = await scope.Definitions.PublishAsync(xml, new Actor("designer"));
        return result.Definitions;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>One unit of work: a context, the store on it and a runtime, as in one HTTP request.</summary>
public sealed class TestScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public TestDbContext Db => scope.ServiceProvider.GetRequiredService<TestDbContext>();

    public WorkflowRuntime Runtime => scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();

    public WorkflowDefinitions Definitions => scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>A service task handler whose behaviour a test sets; counts its calls. Thread-safe enough for tests.</summary>
public sealed class ScriptedHandler : IServiceTaskHandler
{
    private int _calls;

    public string Name => "test";

    public Func<ServiceTaskContext, JsonObject?> Behaviour { get; set; } = _ => new JsonObject { ["done"] = true };

    public int Calls => _calls;

    public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(Behaviour(context));
    }
}
