using Microsoft.EntityFrameworkCore;

namespace Tongguan.Sla.Deadlines;

/// <summary>Reads deadlines (scoped, on the application's context).</summary>
public interface IDeadlineQueries
{
    /// <summary>Every deadline of the instance, pending and closed, in the order the tasks opened.</summary>
    Task<IReadOnlyList<DeadlineRecord>> ListByInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>The deadline of each given user task that has one, by task id (one query for a page of tasks).</summary>
    Task<IReadOnlyDictionary<string, DeadlineRecord>> FindByTasksAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken = default);
}

internal sealed class DeadlineQueries<TContext>(TContext db) : IDeadlineQueries
    where TContext : DbContext
{
    public async Task<IReadOnlyList<DeadlineRecord>> ListByInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        await db.Set<DeadlineRecord>()
            .AsNoTracking()
            .Where(d => d.InstanceId == instanceId)
            .OrderBy(d => d.StartedAt)
            .ThenBy(d => d.BookmarkId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

    public async Task<IReadOnlyDictionary<string, DeadlineRecord>> FindByTasksAsync(
        IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        if (taskIds.Count == 0)
        {
            return new Dictionary<string, DeadlineRecord>(StringComparer.Ordinal);
        }

        var rows = await db.Set<DeadlineRecord>()
            .AsNoTracking()
            .Where(d => taskIds.Contains(d.BookmarkId))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.ToDictionary(d => d.BookmarkId, StringComparer.Ordinal);
    }
}
