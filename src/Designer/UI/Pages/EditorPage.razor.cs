using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using Tongguan.Designer.Definitions;
using Tongguan.Designer.UI.Api;
using Tongguan.Designer.UI.Components;

namespace Tongguan.Designer.UI.Pages;

/// <summary>
/// One definition in bpmn-js: opens its draft (or its latest version), saves drafts, asks the engine to validate and
/// publish through the definitions API, and shows the engine's problems on the offending elements.
/// </summary>
public sealed partial class EditorPage
{
    private const string EditorModulePath = "./_content/Tongguan.Designer/dist/editor.js";

    /// <summary>A .bpmn file larger than this is not a process drawing.</summary>
    internal const long MaxImportBytes = 5 * 1024 * 1024;

    private ElementReference _canvas;
    private ElementReference _panel;
    private IJSObjectReference? _module;
    private IJSObjectReference? _editor;
    private DotNetObjectReference<EditorPage>? _self;
    private string? _loadedKey;
    private bool _ready;
    private bool _busy;
    private bool _dirty;
    private string? _source;
    private int? _openVersion;
    private string? _message;
    private string? _messageAfterLoad;
    private Severity _messageSeverity = Severity.Info;
    private IReadOnlyList<ProblemResponse>? _problems;
    private IReadOnlyList<DefinitionVersionResponse> _versions = [];
    private IReadOnlyList<InstanceSummaryView>? _instances;

    /// <summary>How many of the newest instances the editor lists.</summary>
    internal const int ListedInstances = 20;

    [Parameter]
    public string Key { get; set; } = "";

    [Inject]
    private IDefinitionsClient Definitions { get; set; } = default!;

    [Inject]
    private IProcessInstancesClient Instances { get; set; } = default!;

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
            _module = await JS.InvokeAsync<IJSObjectReference>("import", EditorModulePath).ConfigureAwait(true);
            _editor = await _module.InvokeAsync<IJSObjectReference>(
                "createEditor", _canvas, _panel, _self, CultureInfo.CurrentUICulture.Name).ConfigureAwait(true);
        }

        if (_editor is not null && !string.Equals(_loadedKey, Key, StringComparison.Ordinal))
        {
            _loadedKey = Key;
            await RunAsync(LoadAsync).ConfigureAwait(true);
            if (_messageAfterLoad is not null)
            {
                Show(Severity.Info, _messageAfterLoad);
                _messageAfterLoad = null;
                StateHasChanged();
            }
        }
    }

    [JSInvokable]
    public Task OnDiagramChanged()
    {
        _dirty = true;
        return InvokeAsync(StateHasChanged);
    }

    [JSInvokable]
    public Task OnProblemBadgeClicked(string elementId) => SelectElementAsync(elementId);

    private async Task LoadAsync()
    {
        _problems = null;
        _message = null;
        _versions = await Definitions.VersionsAsync(Key, CancellationToken.None).ConfigureAwait(true);
        var draft = await Definitions.DraftXmlAsync(Key, CancellationToken.None).ConfigureAwait(true);
        if (draft is not null)
        {
            await OpenAsync(draft, Text.Draft, null).ConfigureAwait(true);
        }
        else if (_versions.Count > 0)
        {
            await OpenVersionAsync(_versions.Max(v => v.Version)).ConfigureAwait(true);
        }
        else
        {
            Show(Severity.Error, DesignerText.Format(Text.NotFound, Key));
        }

        _instances = await LoadInstancesAsync().ConfigureAwait(true);
    }

    // The instance list is a way into the instance view, not part of editing: if the engine's API refuses, edit on.
    private async Task<IReadOnlyList<InstanceSummaryView>> LoadInstancesAsync()
    {
        try
        {
            return await Instances.ListAsync(Key, ListedInstances, CancellationToken.None).ConfigureAwait(true);
        }
        catch (DefinitionsApiException)
        {
            return [];
        }
    }

    private async Task OpenVersionAsync(int version)
    {
        var xml = await Definitions.VersionXmlAsync(Key, version, CancellationToken.None).ConfigureAwait(true);
        if (xml is not null)
        {
            await OpenAsync(xml, DesignerText.Format(Text.VersionLabel, version), version).ConfigureAwait(true);
        }
    }

    private async Task OpenAsync(string xml, string source, int? version)
    {
        await _editor!.InvokeAsync<int>("open", xml).ConfigureAwait(true);
        _source = source;
        _openVersion = version;
        _dirty = false;
        _ready = true;
    }

    private Task SaveDraftAsync() => RunAsync(async () =>
    {
        await SaveCurrentDraftAsync().ConfigureAwait(true);
        Show(Severity.Success, Text.DraftSaved);
    });

    private async Task SaveCurrentDraftAsync()
    {
        var xml = await _editor!.InvokeAsync<string>("xml").ConfigureAwait(true);
        await Definitions.SaveDraftAsync(Key, xml, CancellationToken.None).ConfigureAwait(true);
        _dirty = false;
        _source = Text.Draft;
        _openVersion = null;
    }

    private Task ValidateAsync() => RunAsync(async () =>
    {
        var xml = await _editor!.InvokeAsync<string>("xml").ConfigureAwait(true);
        var result = await Definitions.ValidateAsync(xml, CancellationToken.None).ConfigureAwait(true);
        await ShowProblemsAsync(result.Problems).ConfigureAwait(true);
        var errors = result.Problems.Count(ProblemList.IsError);
        if (!result.Valid)
        {
            Show(Severity.Error, DesignerText.Format(Text.Invalid, errors));
        }
        else if (result.Problems.Count > 0)
        {
            Show(Severity.Warning, DesignerText.Format(Text.ValidWithWarnings, result.Problems.Count));
        }
        else
        {
            Show(Severity.Success, Text.Valid);
        }
    });

    /// <summary>Publishes what is on screen: saves it as the draft first, then publishes the draft.</summary>
    private Task PublishAsync() => RunAsync(async () =>
    {
        await SaveCurrentDraftAsync().ConfigureAwait(true);
        var outcome = await Definitions.PublishDraftAsync(Key, CancellationToken.None).ConfigureAwait(true);
        await ShowProblemsAsync(outcome.Problems).ConfigureAwait(true);
        if (!outcome.Succeeded)
        {
            Show(Severity.Error, DesignerText.Format(Text.PublishRejected, outcome.Problems.Count(ProblemList.IsError)));
            return;
        }

        _versions = await Definitions.VersionsAsync(Key, CancellationToken.None).ConfigureAwait(true);
        var mine = outcome.Published!.Definitions.FirstOrDefault(d => string.Equals(d.Key, Key, StringComparison.Ordinal))
            ?? outcome.Published.Definitions[0];
        Show(Severity.Success, DesignerText.Format(mine.IsNewVersion ? Text.PublishedVersion : Text.Unchanged, mine.Version));
    });

    /// <summary>
    /// Opens a .bpmn file. A file of another process becomes that process's draft and opens in its own editor, so
    /// saving and publishing never put one process's drawing under another's key.
    /// </summary>
    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        await RunAsync(async () =>
        {
            using var reader = new StreamReader(e.File.OpenReadStream(MaxImportBytes));
            var xml = await reader.ReadToEndAsync().ConfigureAwait(true);
            var key = BpmnFile.ExecutableProcessId(xml, out var error);
            if (key is null)
            {
                Show(Severity.Error, DesignerText.Format(Text.ImportFailed, error));
                return;
            }

            var imported = DesignerText.Format(Text.Imported, e.File.Name);
            if (!string.Equals(key, Key, StringComparison.Ordinal))
            {
                await Definitions.SaveDraftAsync(key, xml, CancellationToken.None).ConfigureAwait(true);
                _messageAfterLoad = imported;
                Navigation.NavigateTo($"designer/{Uri.EscapeDataString(key)}");
                return;
            }

            try
            {
                await OpenAsync(xml, e.File.Name, null).ConfigureAwait(true);
            }
            catch (JSException ex)
            {
                Show(Severity.Error, DesignerText.Format(Text.ImportFailed, ex.Message));
                return;
            }

            // The imported drawing replaces the screen, not yet the draft: saving is the designer's decision.
            _dirty = true;
            _problems = null;
            Show(Severity.Info, imported);
        }).ConfigureAwait(true);
    }

    private async Task ExportAsync()
    {
        if (_editor is not null)
        {
            await _editor.InvokeVoidAsync("download", $"{Key}.bpmn").ConfigureAwait(true);
        }
    }

    private async Task SelectElementAsync(string elementId)
    {
        if (_editor is not null)
        {
            await _editor.InvokeAsync<bool>("select", elementId).ConfigureAwait(true);
        }
    }

    private async Task ShowProblemsAsync(IReadOnlyList<ProblemResponse> problems)
    {
        _problems = problems;
        await _editor!.InvokeAsync<string[]>("showProblems", problems).ConfigureAwait(true);
    }

    private void Show(Severity severity, string message)
    {
        _messageSeverity = severity;
        _message = message;
    }

    /// <summary>One action at a time; an API failure becomes a message, not a broken circuit.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        StateHasChanged();
        try
        {
            await action().ConfigureAwait(true);
        }
        catch (DefinitionsApiException ex)
        {
            Show(Severity.Error, ex.Message);
        }
        finally
        {
            _busy = false;
            StateHasChanged();
        }
    }

    public ValueTask DisposeAsync() => BpmnViews.ReleaseAsync(_editor, _module, _self);
}
