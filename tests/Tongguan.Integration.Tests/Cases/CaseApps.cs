using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Integration.Tests.Http;
using Tongguan.Sla.Deadlines.Scheduling;

namespace Tongguan.Integration.Tests.Cases;

/// <summary>
/// The real host on a fresh database with the city's clock in the test's hand: time starts on a working Monday
/// morning in Tongguan and moves only when a test advances it; deadline sweeps run when a test asks, so breaches
/// and escalations happen exactly when the scenario says.
/// </summary>
public interface ICaseApp
{
    FakeTimeProvider Clock { get; }

    HttpClient CreateClient(string user = "admin");

    IServiceProvider Services { get; }
}

internal static class CaseAppSetup
{
    /// <summary>Monday 2 March 2026, 09:30 in Tongguan (UTC+8): a working day, well inside office hours.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    /// <summary>Small enough that a test can exceed it cheaply.</summary>
    public const int AttachmentLimit = 64 * 1024;

    public static void Configure(IWebHostBuilder builder, FakeTimeProvider clock)
    {
        builder.UseSetting("Tongguan:Deadlines:RunSweeps", "false");

        // Proof files of test cases go to a temporary folder, not the repository's data/.
        builder.UseSetting("Tongguan:Attachments:Folder", Path.Combine(Path.GetTempPath(), "tongguan-case-tests", Guid.NewGuid().ToString("N")));
        builder.UseSetting("Tongguan:Attachments:MaxBytes", AttachmentLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
    }

    /// <summary>Moves the clock and runs one deadline sweep, as the scheduler would at that moment.</summary>
    public static async Task<DeadlineSweepResult> AdvanceAsync(this ICaseApp app, TimeSpan by)
    {
        app.Clock.Advance(by);
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IDeadlineSweep>().RunAsync(CancellationToken.None);
    }
}

public sealed class SqliteCaseApp : SqliteApp, ICaseApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder) => CaseAppSetup.Configure(builder, Clock);
}

public sealed class PostgreSqlCaseApp : PostgreSqlApp, ICaseApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder) => CaseAppSetup.Configure(builder, Clock);
}
