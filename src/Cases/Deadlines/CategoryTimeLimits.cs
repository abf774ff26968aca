using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;

namespace Tongguan.Cases.Deadlines;

/// <summary>
/// "Category overrides step default": a user task marked <c>tg:step="handle"</c> (or accept, verify) in a case whose
/// <c>categoryCode</c> variable names a category of the reference data gets that category's limit for the step; any
/// other task keeps its process's <c>tg:timeLimit</c>. The process's warning share still applies.
/// </summary>
internal sealed class CategoryTimeLimits(ReferenceDataSnapshot referenceData) : ITimeLimitPolicy
{
    public const string CategoryVariable = "categoryCode";

    public bool MayLimit(Activity activity) =>
        activity is not null && (activity.TimeLimit is not null || activity.Extensions.ContainsKey("step"));

    public TimeLimit? LimitFor(Activity activity, InstanceState instance, Bookmark task)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(instance);
        var designed = activity.TimeLimit;
        if (!activity.Extensions.TryGetValue("step", out var stepName) ||
            !Enum.TryParse<CaseStep>(stepName, ignoreCase: true, out var step) ||
            instance.Variables[CategoryVariable]?.GetValueKind() != System.Text.Json.JsonValueKind.String ||
            referenceData.FindCategory((string)instance.Variables[CategoryVariable]!) is not { } category)
        {
            return designed;
        }

        // The loader requires every step's limit (inherited from the major); an empty one only follows a load error.
        var limit = category.StepLimits.For(step);
        return string.IsNullOrEmpty(limit.Duration) ? designed : new TimeLimit(limit.Duration, limit.Calendar, designed?.WarningShare);
    }
}
