using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Tongguan.Cases.CommandCentre;
using Tongguan.Cases.Model;
using Tongguan.Cases.Reports;
using Tongguan.Cases.UI.Api;
using Tongguan.Cases.UI.CommandCentre;
using Tongguan.Sla.Calendar;

namespace Tongguan.Web.Tests.Components.Reports;

public sealed class CommandCentreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static CasePoint Point(string number, CaseStatus status, bool overdue, DateTimeOffset? due = null) =>
        new(number, status, "S0102", "垃圾满溢", "Overflowing bins", 31.15, 121.37, "D01-chengguan", Now.AddHours(-5), due ?? Now.AddHours(2), overdue);

    [Fact]
    public void Colour_IsRedForOverdueCases_WhateverTheirStatus()
    {
        Assert.Equal(StatusColours.Overdue, StatusColours.Of(CaseStatus.Handling, overdue: true));
        Assert.Equal(StatusColours.Overdue, StatusColours.Of(CaseStatus.Dispatched, overdue: true));
        var open = StatusColours.Legend.Select(s => StatusColours.Of(s, overdue: false)).ToList();
        Assert.Equal(open.Count, open.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(StatusColours.Overdue, open);
    }

    [Fact]
    public void Markers_PutOverdueCasesLast_SoTheyAreDrawnOnTop_AndLinkToTheCase()
    {
        var markers = StatusColours.Markers([Point("C-1", CaseStatus.Handling, true), Point("C-2", CaseStatus.Verifying, false)], CommandCentreText.English);

        Assert.Equal(["C-2", "C-1"], markers.Select(m => m.Id));
        Assert.Equal(StatusColours.Overdue, markers[1].Color);
        Assert.Equal("cases/C-1", markers[1].Href);
        Assert.Contains("Overdue", markers[1].Label, StringComparison.Ordinal);
    }

    [Fact]
    public void OverdueBy_IsInMinutesUnderAnHour_ThenInHours()
    {
        Assert.Equal("45 min", StatusColours.OverdueBy(TimeSpan.FromMinutes(45), CommandCentreText.English));
        Assert.Equal("26 小时", StatusColours.OverdueBy(TimeSpan.FromHours(26.5), CommandCentreText.Chinese));
    }

    [Fact]
    public async Task Screen_ShowsTilesMarkersAndOnlyTheOverdueCasesAsAlerts()
    {
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddScoped<BrowserApi>();
        context.Services.AddSingleton(Options.Create(new CommandCentreOptions { RefreshSeconds = 3600 }));
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddSingleton(new BusinessCalendar(
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), [new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(17, 30))]));
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var map = new CaseMapView(Now, 3, false,
        [
            Point("C-1", CaseStatus.Handling, true, Now.AddMinutes(-30)),
            Point("C-2", CaseStatus.Dispatched, false),
            Point("C-3", CaseStatus.Verifying, true, Now.AddHours(-3)),
        ]);
        var kpis = new SlaReport<KpiRow>("kpis", [], [new KpiRow("all", null, null, null, null, null, "responseRate", 0.5, 1, 2, "ratio"), new KpiRow("all", null, null, null, null, null, "overdueRate", 0.25, 1, 4, "ratio")]);
        context.JSInterop.Setup<ApiReply>("tongguan.api.send", i => ((string?)i.Arguments[1])!.StartsWith("api/cases/map", StringComparison.Ordinal))
            .SetResult(new ApiReply(200, JsonSerializer.Serialize(map, web), "application/json"));
        context.JSInterop.Setup<ApiReply>("tongguan.api.send", i => ((string?)i.Arguments[1])!.StartsWith("api/sla/kpis", StringComparison.Ordinal))
            .SetResult(new ApiReply(200, JsonSerializer.Serialize(kpis, web), "application/json"));

        var screen = context.Render<CommandCentrePage>();

        screen.WaitForAssertion(() => Assert.Equal("3", screen.Find("[data-testid=tile-open]").GetAttribute("data-value")));
        Assert.Equal("2", screen.Find("[data-testid=tile-overdue]").GetAttribute("data-value"));
        // Reported today counts every case of the day (the overdue rate's denominator), not only those already answered.
        Assert.Equal("4", screen.Find("[data-testid=tile-reported-today]").GetAttribute("data-value"));
        // The longest overdue first (the earliest due time).
        Assert.Equal(["C-3", "C-1"], screen.FindAll("[data-testid=overdue-alert]").Select(e => e.GetAttribute("data-case")));
    }
}
