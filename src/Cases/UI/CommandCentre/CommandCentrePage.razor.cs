using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using Tongguan.Cases.CommandCentre;
using Tongguan.Cases.Reports;
using Tongguan.Cases.UI.Api;
using Tongguan.Cases.UI.Maps;
using Tongguan.Sla.Calendar;

namespace Tongguan.Cases.UI.CommandCentre;

/// <summary>
/// The wall screen of the command centre: open cases on the map coloured by status, today's KPIs and the overdue
/// alerts, refreshed in place every <see cref="CommandCentreOptions.RefreshSeconds"/> by a timer of the circuit — the
/// page is never reloaded, only the markers and numbers change.
/// </summary>
public sealed partial class CommandCentrePage
{
    private readonly CancellationTokenSource _cancel = new();
    private CaseMapView? _map;
    private IReadOnlyList<MapMarker> _markers = [];
    private SlaReport<KpiRow>? _today;
    private string? _problem;
    private int _refreshes;

    [Inject]
    private BrowserApi Api { get; set; } = default!;

    [Inject]
    private IOptions<CommandCentreOptions> Options { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private BusinessCalendar Calendar { get; set; } = default!;

    private static CommandCentreText T => CommandCentreText.For(CultureInfo.CurrentUICulture);

    private static bool English => Localization.UiCultures.IsEnglish(CultureInfo.CurrentUICulture);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await RefreshAsync().ConfigureAwait(true);
            _ = RefreshPeriodicallyAsync();
        }
    }

    private async Task RefreshPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(Options.Value.RefreshInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_cancel.Token).ConfigureAwait(true))
            {
                await InvokeAsync(RefreshAsync).ConfigureAwait(true);
            }
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            // The screen was closed.
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var today = DateOnly.FromDateTime(LocalTime(Clock.GetUtcNow()).DateTime);
            var range = $"?from={today:yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
            _map = await Api.GetAsync<CaseMapView>("api/cases/map", _cancel.Token).ConfigureAwait(true);
            _markers = StatusColours.Markers(_map.Points, T);
            _today = await Api.GetAsync<SlaReport<KpiRow>>("api/sla/kpis" + range, _cancel.Token).ConfigureAwait(true);
            _problem = null;
            _refreshes++;
        }
        catch (ApiException e)
        {
            // Keep showing the last good picture; say why it is not fresh.
            _problem = e.Problem.Message;
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            return;
        }
        catch (JSDisconnectedException)
        {
            return;
        }

        StateHasChanged();
    }

    private KpiRow? Today(string kpi) => _today?.Rows.FirstOrDefault(r => r.Kpi == kpi);

    private DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Calendar.TimeZone);

    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }
}
