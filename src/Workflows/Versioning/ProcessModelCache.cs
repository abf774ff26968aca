using System.Collections.Concurrent;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.Versioning;

/// <summary>
/// Parsed models of published definitions by definition id. Published versions never change, so an entry
/// never goes stale. Thread-safe; register as a singleton.
/// </summary>
public sealed class ProcessModelCache
{
    private readonly ConcurrentDictionary<Guid, ProcessModel> _models = new();

    public int Count => _models.Count;

    /// <summary>The process <see cref="DefinitionRecord.Key"/> of the definition's XML.</summary>
    /// <exception cref="InvalidOperationException">The stored XML does not hold that process.</exception>
    public ProcessModel Get(DefinitionRecord definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return _models.GetOrAdd(definition.Id, static (_, d) => Parse(d), definition);
    }

    public bool TryGet(Guid definitionId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProcessModel? model) =>
        _models.TryGetValue(definitionId, out model);

    private static ProcessModel Parse(DefinitionRecord definition)
    {
        var document = BpmnReader.Read(definition.Xml, $"{definition.Key} v{definition.Version}");
        return document.Processes.FirstOrDefault(p => p.Key == definition.Key)
            ?? throw new InvalidOperationException(
                $"Definition {definition.Key} v{definition.Version} ({definition.Id}) does not contain process '{definition.Key}'.");
    }
}
