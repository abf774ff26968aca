using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Runtime;

/// <summary>The <see cref="IServiceTaskHandler"/>s registered in dependency injection, by name. Thread-safe.</summary>
public sealed class RegisteredServiceTaskHandlers : IServiceTaskHandlerRegistry
{
    private readonly Dictionary<string, IServiceTaskHandler> _handlers;

    public RegisteredServiceTaskHandlers(IEnumerable<IServiceTaskHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = new Dictionary<string, IServiceTaskHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            // The last registration wins, so an application can replace a library's handler.
            _handlers[handler.Name] = handler;
        }
    }

    public bool TryGet(string name, out IServiceTaskHandler handler) => _handlers.TryGetValue(name, out handler!);
}
