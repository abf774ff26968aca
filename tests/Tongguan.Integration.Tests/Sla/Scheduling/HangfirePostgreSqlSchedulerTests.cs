using Microsoft.Extensions.DependencyInjection;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.Deadlines.Scheduling.Hangfire;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

[Collection(HangfireSchedulerSerialGroup.Name)]
public sealed class HangfirePostgreSqlSchedulerTests(PostgreSqlSchedulerStore store)
    : DeadlineSchedulerContract<PostgreSqlSchedulerStore>(store)
{
    // One schema per test (all of the test's nodes share it), created by Hangfire on first use: a job a test leaves
    // behind (a retry, a wake-up of a stopped node) is durable by design and would otherwise run in the next test.
    private readonly string _schema = $"hangfire_{Guid.NewGuid():N}";

    protected override void AddScheduler(IServiceCollection services)
    {
        services.AddHangfireDeadlineScheduler();
        services.PostConfigure<DeadlineSchedulingOptions>(o => o.Schema = _schema);
    }
}
