using System.Globalization;
using Microsoft.AspNetCore.Components;
using Tongguan.Cases.Reports;
using Tongguan.Cases.SlaApply;
using Tongguan.Cases.UI.Api;

namespace Tongguan.Cases.UI.Reports;

/// <summary>
/// The auditors' report page: KPI tiles and tables, rankings and trends, bottlenecks, limit recommendations (applied
/// into a draft by designers) and exports, all read from /api/sla in the user's browser. Each tab loads when shown
/// and again on Refresh; long exports run as background jobs with their progress polled.
/// </summary>
public sealed partial class ReportsPage
{
    private const int KpisTab = 0;
    private const int RankingsTab = 1;
    private const int BottlenecksTab = 2;
    private const int RecommendationsTab = 3;

    private static readonly TimeSpan JobPoll = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _cancel = new();

    private string _by = "";
    private string _period = "all";
    private string? _from;
    private string? _to;
    private string? _process;
    private string _kpi = "resolutionRate";
    private int _tab;
    private bool _loading;
    private bool _applying;
    private string? _problem;
    private string _exportReport = "kpis";

    private SlaReport<KpiRow>? _overall;
    private SlaReport<KpiRow>? _grouped;
    private SlaReport<RankingRow>? _rankings;
    private SlaReport<TrendRow>? _trends;
    private object? _trendChart;
    private SlaReport<BottleneckRow>? _bottlenecks;
    private object? _bottleneckChart;
    private SlaReport<RecommendationRow>? _recommendations;
    private AppliedRecommendation? _applied;
    private SlaJobResponse? _job;

    [Inject]
    private BrowserApi Api { get; set; } = default!;

    private static ReportsText T => ReportsText.For(CultureInfo.CurrentUICulture);

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private ReportQuery Query => new(_by, _period, _from, _to);

    /// <summary>Rankings compare groups: with no grouping chosen they compare departments.</summary>
    private string RankingBy => _by.Length == 0 ? "department" : _by;

    /// <summary>A trend needs periods: with none chosen it goes month by month.</summary>
    private string TrendPeriod => _period == "all" ? "month" : _period;

    private static IEnumerable<(string Key, string Name)> ExportReports =>
    [
        ("kpis", T.KpisTab), ("kpis/rankings", T.RankingsTab), ("kpis/trends", T.Trend), ("bottlenecks", T.BottlenecksTab),
        ("recommendations", T.RecommendationsTab),
    ];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The API is called from the browser, which is reachable once the page has rendered.
        if (firstRender)
        {
            await LoadActiveAsync().ConfigureAwait(true);
        }
    }

    private async Task RefreshAsync()
    {
        _overall = null;
        _grouped = null;
        _rankings = null;
        _trends = null;
        _bottlenecks = null;
        _recommendations = null;
        await LoadActiveAsync().ConfigureAwait(true);
    }

    private async Task TabChangedAsync(int tab)
    {
        _tab = tab;
        await LoadActiveAsync().ConfigureAwait(true);
    }

    private async Task KpiChangedAsync(string kpi)
    {
        _kpi = kpi;
        _rankings = null;
        _trends = null;
        await LoadActiveAsync().ConfigureAwait(true);
    }

    private async Task LoadActiveAsync()
    {
        _loading = true;
        _problem = null;
        StateHasChanged();
        try
        {
            var token = _cancel.Token;
            switch (_tab)
            {
                case KpisTab when _overall is null:
                    _overall = await Api.GetAsync<SlaReport<KpiRow>>("api/sla/kpis" + (Query with { By = "", Period = "all" }).ToQueryString(), token).ConfigureAwait(true);
                    _grouped = _by.Length == 0 && _period == "all"
                        ? null
                        : await Api.GetAsync<SlaReport<KpiRow>>("api/sla/kpis" + Query.ToQueryString(), token).ConfigureAwait(true);
                    break;
                case RankingsTab when _rankings is null:
                    _rankings = await Api.GetAsync<SlaReport<RankingRow>>(
                        "api/sla/kpis/rankings" + (Query with { By = RankingBy }).ToQueryString(("kpi", _kpi)), token).ConfigureAwait(true);
                    _trends = await Api.GetAsync<SlaReport<TrendRow>>(
                        "api/sla/kpis/trends" + (Query with { Period = TrendPeriod }).ToQueryString(("kpi", _kpi)), token).ConfigureAwait(true);
                    _trendChart = ReportCharts.Trend(_trends.Rows, UnitOf(_trends.Definitions), T);
                    break;
                case BottlenecksTab when _bottlenecks is null:
                    _bottlenecks = await Api.GetAsync<SlaReport<BottleneckRow>>(
                        "api/sla/bottlenecks" + (Query with { By = "", Period = "all" }).ToQueryString(("process", _process)), token).ConfigureAwait(true);
                    _bottleneckChart = ReportCharts.Bottlenecks(_bottlenecks.Rows.Where(r => r.List == "step").ToList(), T);
                    break;
                case RecommendationsTab when _recommendations is null:
                    _recommendations = await Api.GetAsync<SlaReport<RecommendationRow>>(
                        "api/sla/recommendations" + (Query with { By = "", Period = "all" }).ToQueryString(("process", _process)), token).ConfigureAwait(true);
                    break;
                default:
                    break;
            }
        }
        catch (ApiException e)
        {
            _problem = e.Problem.Message;
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _loading = false;
        }

        StateHasChanged();
    }

    private async Task ApplyAsync(RecommendationRow row)
    {
        _applying = true;
        _problem = null;
        var note = $"p90 {row.P90Hours.ToString("0.0", CultureInfo.InvariantCulture)} h, n = {row.SampleSize}; {row.Reason}";
        var reply = await Api.SendJsonAsync(
            "POST",
            "api/sla/recommendations/apply",
            new ApplyRecommendationRequest(row.Process, row.Step, row.Category, row.RecommendedLimit, note.Length > ApplyRecommendation.MaxNoteLength ? note[..ApplyRecommendation.MaxNoteLength] : note),
            _cancel.Token).ConfigureAwait(true);
        _applying = false;
        if (reply.IsSuccess)
        {
            _applied = reply.Read<AppliedRecommendation>();
        }
        else
        {
            _problem = reply.Problem().Message;
        }
    }

    private Task ExportAsync(string format)
    {
        var extra = new List<(string, string?)> { ("format", format) };
        if (_exportReport is "kpis/rankings" or "kpis/trends")
        {
            extra.Add(("kpi", _kpi));
        }

        if (_exportReport is "bottlenecks" or "recommendations")
        {
            extra.Add(("process", _process));
        }

        var query = _exportReport switch
        {
            "kpis/rankings" => Query with { By = RankingBy },
            "kpis/trends" => Query with { Period = TrendPeriod },
            "bottlenecks" or "recommendations" => Query with { By = "", Period = "all" },
            _ => Query,
        };
        return Api.DownloadAsync($"api/sla/{_exportReport}{query.ToQueryString([.. extra])}", _cancel.Token);
    }

    private Task ExportXesAsync() =>
        Api.DownloadAsync("api/sla/event-log.xes" + new ReportQuery("", "all", _from, _to).ToQueryString(("process", _process)), _cancel.Token);

    /// <summary>Runs the chosen export as a background job (rankings and trends run as the KPI table) and follows it.</summary>
    private async Task StartJobAsync()
    {
        _problem = null;
        var kind = _exportReport switch
        {
            "bottlenecks" => "bottlenecks",
            "recommendations" => "recommendations",
            _ => "kpis",
        };
        var reply = await Api.SendJsonAsync("POST", "api/sla/jobs", new SlaJobRequest(kind, Query.ToJobParameters("xlsx", kind == "kpis" ? null : _process)), _cancel.Token)
            .ConfigureAwait(true);
        if (!reply.IsSuccess)
        {
            _problem = reply.Problem().Message;
            return;
        }

        _job = reply.Read<SlaJobResponse>();
        StateHasChanged();
        using var timer = new PeriodicTimer(JobPoll);
        try
        {
            while (_job is { Status: "queued" or "running" } && await timer.WaitForNextTickAsync(_cancel.Token).ConfigureAwait(true))
            {
                _job = await Api.GetAsync<SlaJobResponse>($"api/sla/jobs/{_job.Id}", _cancel.Token).ConfigureAwait(true);
                StateHasChanged();
            }
        }
        catch (ApiException e)
        {
            _problem = e.Problem.Message;
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            // The page was left while the job ran; the job goes on without it.
        }
    }

    private static string UnitOf(IReadOnlyList<MeasureDefinition> definitions) => definitions.Count > 0 ? definitions[0].Unit : KpiFormat.Ratio;

    private static MeasureDefinition? Definition(IReadOnlyList<MeasureDefinition> definitions, string name) =>
        definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    private static string Name(MeasureDefinition? definition, string fallback) =>
        definition is null ? fallback : UiCulturesEnglish ? definition.NameEn : definition.NameZh;

    private static string Explain(MeasureDefinition? definition) =>
        definition is null ? "" : UiCulturesEnglish ? definition.Definition : definition.DefinitionZh;

    private static readonly IReadOnlyList<MeasureDefinition> AllKpis = [.. Tongguan.Sla.Mining.Kpis.KpiDefinitions.All.Select(MeasureDefinition.Of)];

    private static string KpiName(string kpi) => Name(Definition(AllKpis, kpi), kpi);

    private static bool UiCulturesEnglish => Localization.UiCultures.IsEnglish(CultureInfo.CurrentUICulture);

    public void Dispose()
    {
        _cancel.Cancel();
        _cancel.Dispose();
    }
}
