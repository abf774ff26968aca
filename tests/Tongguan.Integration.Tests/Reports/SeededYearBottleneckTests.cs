using System.Net;
using Microsoft.AspNetCore.Hosting;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.Seed;
using Tongguan.Integration.Tests.Http;
using Tongguan.Integration.Tests.Seed;

namespace Tongguan.Integration.Tests.Reports;

/// <summary>
/// The host over a synthetic year made by the seed command's core (slow units D02-chengguan and D01-shuiwu), read
/// at the turn of the year, so still-open steps are measured up to the year's end and not to today.
/// </summary>
public sealed class SeededYearApp : TongguanApp, IAsyncDisposable
{
    /// <summary>The issue's size: about a minute to seed on the 2-core machine, and every department type has peers with enough steps.</summary>
    public const int Cases = 400;

    private readonly SeedSqliteDatabase _database = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public SeedSummary Summary { get; private set; } = null!;

    protected override async Task<string> CreateDatabaseAsync()
    {
        Summary = await SeedRuns.SeedAsync(_database, SeedRuns.Settings(Cases));
        return await _database.CreateAsync();
    }

    protected override void Configure(IWebHostBuilder builder) => SeedRuns.ReadAtTurnOfYear(builder);

    protected override async Task DropDatabaseAsync() => await _database.DisposeAsync();

    ValueTask IAsyncDisposable.DisposeAsync() => _database.DisposeAsync();
}

public sealed class SeededYearBottleneckTests(SeededYearApp app) : IClassFixture<SeededYearApp>
{
    [Theory]
    [InlineData("D02-chengguan")]
    [InlineData("D01-shuiwu")]
    public async Task Bottlenecks_NameTheSlowUnit_AtTheTopOfItsDepartmentType(string slowUnit)
    {
        var report = await (await app.CreateClient("li.na").GetAsync("/api/sla/bottlenecks?from=2025-01-01&to=2026-01-01")).JsonAsync(HttpStatusCode.OK);

        var units = report["rows"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["list"] == "orgUnit").ToList();
        var slow = units.Single(u => (string?)u["orgUnit"] == slowUnit);
        var type = (string)slow["departmentType"]!;
        var peers = units.Where(u => (string?)u["departmentType"] == type && (string?)u["orgUnit"] != slowUnit).ToList();
        Assert.NotEmpty(peers);
        Assert.True(
            (int)slow["peerRank"]! == 1,
            $"{slowUnit}: {(double)slow["meanHours"]!:0.0} h per step vs " + string.Join(", ", peers.Select(p => $"{p["orgUnit"]} {(double)p["meanHours"]!:0.0} h")));
        Assert.True((double)slow["meanHours"]! > 1.3 * (double)slow["peerMeanHours"]!, $"{slow["meanHours"]} vs peers {slow["peerMeanHours"]}");
        Assert.All(peers, p => Assert.True((double)p["meanHours"]! < (double)slow["meanHours"]!));
    }
}
