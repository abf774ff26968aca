using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>Fails the next SQL command containing <see cref="Arm"/>'s text, once: a crash in the middle of a save.</summary>
public sealed class CrashingCommandInterceptor : DbCommandInterceptor
{
    private string? _trigger;

    public int Crashes { get; private set; }

    public void Arm(string commandTextFragment) => _trigger = commandTextFragment;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ThrowIfTriggered(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ThrowIfTriggered(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void ThrowIfTriggered(DbCommand command)
    {
        if (_trigger is { } trigger && command.CommandText.Contains(trigger, StringComparison.Ordinal))
        {
            _trigger = null;
            Crashes++;
            throw new InvalidOperationException($"Simulated crash while executing: {trigger}");
        }
    }
}
