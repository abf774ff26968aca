using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Workflows.Versioning;

/// <summary>
/// Publishes every <c>*.bpmn</c> of <see cref="WorkflowOptions.DefinitionsFolder"/> when the host starts:
/// a changed file becomes a new version, an unchanged one publishes nothing. A file with errors is
/// logged and skipped so that one bad file does not stop the others (and the host) from starting.
/// </summary>
public sealed partial class DefinitionsFolderLoader : IHostedService
{
    private static readonly Actor Loader = new("system:definitions-folder", "Definitions folder");

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<WorkflowOptions> _options;
    private readonly ILogger<DefinitionsFolderLoader> _logger;

    public DefinitionsFolderLoader(IServiceScopeFactory scopeFactory, IOptions<WorkflowOptions> options, ILogger<DefinitionsFolderLoader> logger)
    {
        _scopeFactory = scopeFactory;
        _options = options;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.DefinitionsFolder is { Length: > 0 } folder)
        {
            await LoadAsync(folder, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Publishes each file of <paramref name="folder"/> in its own scope, in file name order.</summary>
    /// <returns>What each file published, by file name; files that were rejected are absent.</returns>
    public async Task<IReadOnlyDictionary<string, PublishResult>> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, PublishResult>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            LogFolderMissing(folder);
            return results;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var xml = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            var scope = _scopeFactory.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                try
                {
                    var definitions = scope.ServiceProvider.GetRequiredService<WorkflowDefinitions>();
                    var result = await definitions.PublishAsync(xml, Loader, cancellationToken).ConfigureAwait(false);
                    results[name] = result;
                    foreach (var d in result.Definitions)
                    {
                        LogPublished(name, d.Definition.Key, d.Definition.Version, d.IsNewVersion);
                    }
                }
                catch (DefinitionRejectedException ex)
                {
                    LogRejected(ex, name);
                }
            }
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Definitions folder {Folder} does not exist; nothing loaded")]
    private partial void LogFolderMissing(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File}: {Key} v{Version} (new version: {IsNew})")]
    private partial void LogPublished(string file, string key, int version, bool isNew);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} was not published")]
    private partial void LogRejected(Exception exception, string file);
}
