using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Tongguan.Designer.Definitions;
using Tongguan.Designer.UI.Api;
using Tongguan.Designer.UI.Diff;

namespace Tongguan.Designer.UI.Pages;

/// <summary>
/// Two published versions side by side (<c>/designer/{key}/diff?from=A&amp;to=B</c>): the engine's reading of both is
/// compared in C# (<see cref="ProcessDiff"/>) and bpmn-js only draws the result — removed and changed elements on the
/// left, added and changed ones on the right — with a list of changes that selects the element in both.
/// </summary>
public sealed partial class DiffPage
{
    private const string ModulePath = "./_content/Tongguan.Designer/dist/editor.js";

    private ElementReference _left;
    private ElementReference _right;
    private IJSObjectReference? _module;
    private IJSObjectReference? _view;
    private DotNetObjectReference<DiffPage>? _self;
    private string? _loaded;
    private bool _ready;
    private int _from;
    private int _to;
    private string? _message;
    private IReadOnlyList<ElementChange>? _changes;
    private IReadOnlyList<DefinitionVersionResponse> _versions = [];

    [Parameter]
    public string Key { get; set; } = "";

    [SupplyParameterFromQuery(Name = "from")]
    public int? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public int? To { get; set; }

    [Inject]
    private IDefinitionsClient Definitions { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private static DesignerText Text => DesignerText.ForCurrentCulture;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath).ConfigureAwait(true);
        }

        var wanted = $"{Key}/{From}/{To}";
        if (_module is null || string.Equals(_loaded, wanted, StringComparison.Ordinal))
        {
            return;
        }

        _loaded = wanted;
        try
        {
            await LoadAsync().ConfigureAwait(true);
        }
        catch (DefinitionsApiException ex)
        {
            _message = ex.Message;
        }

        StateHasChanged();
    }

    [JSInvokable]
    public Task OnElementClicked(string elementId) => FocusAsync(elementId);

    private async Task LoadAsync()
    {
        _message = null;
        _changes = null;
        _ready = false;
        _versions = await Definitions.VersionsAsync(Key, CancellationToken.None).ConfigureAwait(true);
        if (_versions.Count == 0)
        {
            _message = DesignerText.Format(Text.NotFound, Key);
            return;
        }

        var latest = _versions.Max(v => v.Version);
        _to = To ?? latest;
        _from = From ?? Math.Max(1, _to - 1);
        StateHasChanged();

        var fromXml = await Definitions.VersionXmlAsync(Key, _from, CancellationToken.None).ConfigureAwait(true);
        var toXml = await Definitions.VersionXmlAsync(Key, _to, CancellationToken.None).ConfigureAwait(true);
        if (fromXml is null || toXml is null)
        {
            _message = DesignerText.Format(Text.DiffUnreadable, DesignerText.Format(Text.VersionLabel, fromXml is null ? _from : _to));
            return;
        }

        var changes = ProcessDiff.Compare(fromXml, toXml, Key, out var error);
        if (changes is null)
        {
            _message = DesignerText.Format(Text.DiffUnreadable, error);
            return;
        }

        if (_view is not null)
        {
            await _view.InvokeVoidAsync("destroy").ConfigureAwait(true);
            await _view.DisposeAsync().ConfigureAwait(true);
        }

        _view = await _module!.InvokeAsync<IJSObjectReference>("createDiffView", _left, _right, _self).ConfigureAwait(true);
        await _view.InvokeVoidAsync("open", fromXml, toXml, changes.Select(c => new { c.ElementId, Kind = c.Kind.ToString() })).ConfigureAwait(true);
        _changes = changes;
        _ready = true;
    }

    private void Go(int from, int to) =>
        Navigation.NavigateTo($"designer/{Uri.EscapeDataString(Key)}/diff?from={from}&to={to}");

    private async Task FocusAsync(string elementId)
    {
        if (_view is not null)
        {
            await _view.InvokeAsync<bool>("focus", elementId).ConfigureAwait(true);
        }
    }

    private static string KindLabel(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => Text.Added,
        ChangeKind.Removed => Text.Removed,
        _ => Text.Changed,
    };

    /// <summary>The same colours as the markers on the diagrams (client/src/editor.css).</summary>
    internal static string ChipStyle(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "background:#2e7d32;color:#fff",
        ChangeKind.Removed => "background:#c62828;color:#fff",
        _ => "background:#ef6c00;color:#fff",
    };

    public ValueTask DisposeAsync() => BpmnViews.ReleaseAsync(_view, _module, _self);
}
