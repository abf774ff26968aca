using Tongguan.Cases.Model;
using Tongguan.Cases.Seed;

namespace Tongguan.Integration.Tests.Seed;

/// <summary>One seeded year of 300 problems on a fresh SQLite database, shared by the tests that read it.</summary>
public sealed class SeededSqliteYear : IAsyncLifetime, IAsyncDisposable
{
    private readonly SeedSqliteDatabase _database = new();

    public SeedSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync() => Summary = await SeedRuns.SeedAsync(_database, SeedRuns.Settings(300));

    public async Task DisposeAsync() => await _database.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => _database.DisposeAsync();
}

public sealed class SeedCommandTests(SeededSqliteYear year) : IClassFixture<SeededSqliteYear>
{
    private SeedSummary Summary => year.Summary;

    [Fact]
    public void Seed_RunsEveryActionThroughTheEngine_WithoutFailures()
    {
        Assert.True(Summary.Simulation.Failures == 0, string.Join(Environment.NewLine, Summary.Simulation.FirstFailures));
        Assert.True(Summary.Simulation.TasksCompleted > 4 * 300, $"{Summary.Simulation.TasksCompleted} tasks completed");
    }

    [Fact]
    public void Seed_LeavesMostCasesClosedAtYearEnd_AndTheLatestStillOpen()
    {
        Assert.InRange(Summary.Cases, 280, 330);
        var closed = Summary.ByStatus.GetValueOrDefault(CaseStatus.Closed);
        Assert.True(closed > 0.85 * Summary.Cases, $"{closed} of {Summary.Cases} closed");
        Assert.Contains(Summary.ByStatus, s => CaseStatuses.IsOpen(s.Key) && s.Value > 0);
    }

    [Fact]
    public void Seed_ReportsDuplicates_ThatAreMergedIntoTheirCase()
    {
        Assert.InRange(Summary.Simulation.Duplicates, 10, 45);
        Assert.True(Summary.AutoMerged + Summary.MergedByAgent > Summary.Simulation.Duplicates / 2, $"{Summary.AutoMerged} + {Summary.MergedByAgent} merged of {Summary.Simulation.Duplicates}");
        Assert.Equal(Summary.Simulation.Reports, Summary.Reports);
    }

    [Fact]
    public void Seed_ProducesReturnsReworksReopeningsAndEscalations()
    {
        Assert.True(Summary.Returns > 0, "returns");
        Assert.True(Summary.Reworks > 0, "reworks");
        Assert.True(Summary.Reopenings > 0, "reopenings");
        Assert.True(Summary.Escalations > 0 && Summary.EscalatedCases > 0, "escalations");
        Assert.True(Summary.Simulation.Breaches > 0, "breaches");
        Assert.True(Summary.Satisfaction.GetValueOrDefault("satisfied") > Summary.Satisfaction.GetValueOrDefault("basicallySatisfied"), "satisfied most");
    }

    [Fact]
    public void Seed_SlowDepartmentsTakeClearlyLonger_ThanTheirPeersAndTheRest()
    {
        var slow = Summary.Units.Single(u => u.UnitId == "D02-chengguan");
        Assert.True(slow.Slow);
        Assert.True(slow.MeanHours > 2 * Summary.PeersMeanHours("D02-chengguan"), $"{slow.MeanHours:0.0} h vs peers {Summary.PeersMeanHours("D02-chengguan"):0.0} h");
        Assert.True(Summary.SlowMeanHours > 1.5 * Summary.OthersMeanHours, $"{Summary.SlowMeanHours:0.0} h vs {Summary.OthersMeanHours:0.0} h");
        Assert.Equal("D02-chengguan", Summary.Units.Where(u => u.Cases >= 10).OrderByDescending(u => u.MeanHours).First().UnitId);
    }

    [Fact]
    public void Summary_NamesTheSlowUnits_OnStdout()
    {
        using var output = new StringWriter();
        Summary.Write(output);
        var text = output.ToString();
        Assert.Contains("slow D02-chengguan", text, StringComparison.Ordinal);
        Assert.Contains("escalations", text, StringComparison.Ordinal);
    }
}

public sealed class SeedDeterminismTests
{
    [Fact]
    public async Task Seed_GivesTheSameYear_ForTheSameSeed()
    {
        await using var first = new SeedSqliteDatabase();
        await using var second = new SeedSqliteDatabase();
        var a = await SeedRuns.SeedAsync(first, SeedRuns.Settings(60, seed: 7));
        var b = await SeedRuns.SeedAsync(second, SeedRuns.Settings(60, seed: 7));

        Assert.Equal(Counts(a), Counts(b));
        Assert.Equal(a.Units.Select(u => (u.UnitId, u.Cases, Math.Round(u.MeanHours, 6))), b.Units.Select(u => (u.UnitId, u.Cases, Math.Round(u.MeanHours, 6))));
    }

    private static string Counts(SeedSummary s) =>
        $"{s.Cases} {s.Reports} {s.AutoMerged} {s.MergedByAgent} {s.Returns} {s.Reworks} {s.Reopenings} {s.Escalations} {s.Simulation.TasksCompleted} {s.Simulation.Breaches} " +
        string.Join(",", s.ByStatus.OrderBy(x => x.Key).Select(x => $"{x.Key}={x.Value}")) + " " +
        string.Join(",", s.Satisfaction.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Value}"));
}

public sealed class SeedPostgreSqlTests
{
    [Fact]
    public async Task Seed_FillsAPostgreSqlDatabase_ThroughTheSameEngine()
    {
        await using var database = new SeedPostgresDatabase();
        var summary = await SeedRuns.SeedAsync(database, SeedRuns.Settings(120));

        Assert.True(summary.Simulation.Failures == 0, string.Join(Environment.NewLine, summary.Simulation.FirstFailures));
        Assert.InRange(summary.Cases, 110, 135);
        Assert.True(summary.ByStatus.GetValueOrDefault(CaseStatus.Closed) > 0.8 * summary.Cases);
        Assert.True(summary.AutoMerged + summary.MergedByAgent > 0, "duplicates merged");
        Assert.True(summary.Escalations > 0, "escalations");
    }
}

public sealed class SeedUsageTests
{
    [Theory]
    [InlineData("--cases", "abc")]
    [InlineData("--cases", "0")]
    [InlineData("--year", "2025")]
    [InlineData("--cases", "10", "--bogus", "1")]
    public async Task Seed_ExitsWithUsage_WhenTheArgumentsAreWrong(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await SeedCommand.RunAsync(args, output, error, CancellationToken.None);

        Assert.Equal(SeedCommand.ExitUsage, exit);
        Assert.Contains("Usage: Tongguan.Cases seed --cases N", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Parse_PassesConfigurationArgumentsOver()
    {
        var (settings, error) = SeedSettings.Parse(["--cases", "5", "--Tongguan:Database:Provider", "Sqlite", "--Tongguan:Database:ConnectionString=Data Source=x.db", "--slow", ""]);

        Assert.Null(error);
        Assert.Equal(5, settings!.Cases);
        Assert.Empty(settings.SlowUnits);
    }
}
