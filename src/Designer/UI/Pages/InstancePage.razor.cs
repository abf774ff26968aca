using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Tongguan.Designer.UI.Api;
using Tongguan.Designer.UI.Instances;

namespace Tongguan.Designer.UI.Pages;

/// <summary>
/// One process instance, read-only (<c>/designer/instances/{id}</c>): the diagram of the version it is pinned to, where
/// its tokens wait now, what it has completed, and its journal — all read through the instance and definitions APIs.
/// </summary>
public sealed partial class InstancePage
{
    private const string ModulePath = "./_content/Tongguan.Designer/dist/editor.js";

    private ElementReference _canvas;
    private IJSObjectReference? _module;
    private IJSObjectReference? _view;
    private DotNetObjectReference<InstancePage>? _self;
    private Guid? _loaded;
    private bool _ready;
    private string? _message;
    private InstanceView? _instance;
    private IReadOnlyList<JournalLineView>? _journal;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private IDefinitionsClient Definitions { get; set; } = default!;

    [Inject]
    private IProcessInstancesClient Instances { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private static DesignerText Text => DesignerText.ForCurrentCulture;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath).ConfigureAwait(true);
        }

        if (_module is null || _loaded == Id)
        {
            return;
        }

        _loaded = Id;
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
        _ready = false;
        _instance = await Instances.GetAsync(Id, CancellationToken.None).ConfigureAwait(true);
        if (_instance is null)
        {
            _message = DesignerText.Format(Text.InstanceNotFound, Id);
            return;
        }

        _journal = await Instances.JournalAsync(Id, CancellationToken.None).ConfigureAwait(true);
        StateHasChanged();
        var xml = await Definitions.VersionXmlAsync(_instance.DefinitionKey, _instance.DefinitionVersion, CancellationToken.None).ConfigureAwait(true);
        if (xml is null)
        {
            _message = DesignerText.Format(Text.NotFound, $"{_instance.DefinitionKey} v{_instance.DefinitionVersion}");
            return;
        }

        if (_view is not null)
        {
            await _view.InvokeVoidAsync("destroy").ConfigureAwait(true);
            await _view.DisposeAsync().ConfigureAwait(true);
        }

        _view = await _module!.InvokeAsync<IJSObjectReference>("createInstanceView", _canvas, _self).ConfigureAwait(true);
        await _view.InvokeAsync<string[]>("open", xml, InstancePosition.Of(_instance, _journal)).ConfigureAwait(true);
        _ready = true;
    }

    private async Task FocusAsync(string? elementId)
    {
        if (_view is not null && elementId is not null)
        {
            await _view.InvokeAsync<bool>("focus", elementId).ConfigureAwait(true);
        }
    }

    public ValueTask DisposeAsync() => BpmnViews.ReleaseAsync(_view, _module, _self);
}
