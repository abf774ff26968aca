using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;

namespace Tongguan.Sla.TimeLimits;

/// <summary>
/// Which time limit a user task gets when it opens: the process's own <c>tg:timeLimit</c> is the step's default; an
/// application may override it per case (the city's category table: "category overrides step default").
/// </summary>
public interface ITimeLimitPolicy
{
    /// <summary>True when a task of <paramref name="activity"/> may get a limit at all (cheap; decides which closing tasks to look up).</summary>
    bool MayLimit(Activity activity);

    /// <summary>The limit for <paramref name="task"/>, opened on <paramref name="activity"/> of <paramref name="instance"/>; null for none.</summary>
    TimeLimit? LimitFor(Activity activity, InstanceState instance, Bookmark task);
}

/// <summary>The process's own limits only.</summary>
public sealed class DesignedTimeLimits : ITimeLimitPolicy
{
    public bool MayLimit(Activity activity) => activity?.TimeLimit is not null;

    public TimeLimit? LimitFor(Activity activity, InstanceState instance, Bookmark task) => activity?.TimeLimit;
}
