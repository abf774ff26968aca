using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>
/// Runs an action once, at the start of the first save whose context matches a condition, before that save
/// touches the database: another caller's whole unit of work lands between this one's reads and its write,
/// which is exactly the race two app nodes can run into.
/// </summary>
public sealed class SaveChangesHook : SaveChangesInterceptor
{
    private Func<DbContext, bool>? _when;
    private Func<Task>? _action;

    public int Runs { get; private set; }

    public void Arm(Func<DbContext, bool> when, Func<Task> action)
    {
        _when = when;
        _action = action;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (_action is { } action && eventData.Context is { } context && _when!(context))
        {
            // Disarmed first: the action's own save must not trigger it again.
            _action = null;
            _when = null;
            Runs++;
            await action();
        }

        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
