using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Tongguan.Sla.Deadlines.Scheduling.Hangfire;

/// <summary>
/// Hangfire logs through one process-wide provider, which the last host to configure Hangfire sets. When that host
/// stops first (tests run several hosts in one process), its logger factory is disposed while other hosts still run:
/// their Hangfire components then get a silent logger instead of an <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static Silent Instance { get; } = new();

        public bool Log(global::Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
