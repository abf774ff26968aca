using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Cases.Deadlines;

/// <summary>
/// The time limit of a user task in a case whose <c>categoryCode</c> variable names a category, most specific first:
/// <list type="number">
/// <item>for a task marked <c>tg:step="handle"</c> (or accept, verify), the process's own <c>tg:categoryLimits</c> entry
/// for that category (an applied SLA recommendation), in the task's <c>tg:calendar</c>;</item>
/// <item>for such a task, the reference data's limit of the category for the step;</item>
/// <item>the task's <c>tg:timeLimit</c>.</item>
/// </list>
/// The process's warning share applies to all three.
/// </summary>
internal sealed class CategoryTimeLimits(ReferenceDataSnapshot referenceData) : ITimeLimitPolicy
{
    public const string CategoryVariable = "categoryCode";

    public bool MayLimit(Activity activity) =>
        activity is not null &&
        (activity.TimeLimit is not null || activity.Extensions.ContainsKey("step"));

    public TimeLimit? LimitFor(Activity activity, InstanceState instance, Bookmark task)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(instance);
        var designed = activity.TimeLimit;
        if (instance.Variables[CategoryVariable]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return designed;
        }

        var categoryCode = (string)instance.Variables[CategoryVariable]!;
        // Like the reference data's, the process's category limits belong to a case step (TG0603 warns without one).
        if (activity.Extensions.ContainsKey("step") && ProcessLimitFor(activity, categoryCode) is { } processLimit)
        {
            return processLimit;
        }

        if (!activity.Extensions.TryGetValue("step", out var stepName) ||
            !Enum.TryParse<CaseStep>(stepName, ignoreCase: true, out var step) ||
            referenceData.FindCategory(categoryCode) is not { } category)
        {
            return designed;
        }

        // The loader requires every step's limit (inherited from the major); an empty one only follows a load error.
        var limit = category.StepLimits.For(step);
        return string.IsNullOrEmpty(limit.Duration) ? designed : new TimeLimit(limit.Duration, limit.Calendar, designed?.WarningShare);
    }

    private static TimeLimit? ProcessLimitFor(Activity activity, string categoryCode)
    {
        if (!activity.Extensions.TryGetValue(CategoryLimitsSyntax.Name, out var text))
        {
            return null;
        }

        var calendar = activity.TimeLimit?.Calendar ?? CalendarKind.Business;

        // Publishing validated the attribute; a value that no longer parses falls through to the other sources.
        return CategoryLimitsSyntax.TryParse(text, calendar == CalendarKind.Business, out var limits, out _) &&
               limits.FirstOrDefault(l => string.Equals(l.CategoryCode, categoryCode, StringComparison.Ordinal)) is { } entry
            ? new TimeLimit(entry.Duration, calendar, activity.TimeLimit?.WarningShare)
            : null;
    }
}
