using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.Deadlines.Scheduling.Hangfire;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

[Collection(HangfireSchedulerSerialGroup.Name)]
public sealed class HangfireSqliteSchedulerTests(SqliteSchedulerStore store)
    : DeadlineSchedulerContract<SqliteSchedulerStore>(store)
{
    // One database file per test (all of the test's nodes share it): a job a test leaves behind (a retry, a wake-up
    // of a stopped node) is durable by design and would otherwise run in the next test and be counted there.
    private readonly string _fileName = $"scheduler-{Guid.NewGuid():N}.db";

    protected override void AddScheduler(IServiceCollection services)
    {
        services.AddHangfireDeadlineScheduler();
        services.PostConfigure<DeadlineSchedulingOptions>(o =>
        {
            var builder = new SqliteConnectionStringBuilder(o.ConnectionString);
            builder.DataSource = Path.Combine(Path.GetDirectoryName(builder.DataSource)!, _fileName);
            o.ConnectionString = builder.ToString();
        });
    }
}
