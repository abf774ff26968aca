using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.Deadlines.Scheduling.Hangfire;

namespace Tongguan.Integration.Tests.Sla.Scheduling;

/// <summary>An app node with the Hangfire scheduler, for the Hangfire-specific tests (the contract has its own).</summary>
internal static class HangfireTestNode
{
    public static async Task<IHost> StartAsync(IDeadlineSweep sweep, Action<DeadlineSchedulingOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Services.AddOptions<DeadlineSchedulingOptions>().Configure(o =>
        {
            o.NodeName = $"test-{Guid.NewGuid():N}";
            o.PollInterval = TimeSpan.FromMilliseconds(250);
            o.SafetySweepInterval = TimeSpan.FromHours(1);
            configure(o);
        });
        builder.Services.AddScoped(_ => sweep);
        builder.Services.AddHangfireDeadlineScheduler();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
