using System.Globalization;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Workflows.Validation;

/// <summary>
/// The <c>tg:</c> attributes: a typo would otherwise be dropped silently by the reader, and a bad value
/// would fall back to a default the designer never chose.
/// </summary>
internal static class ExtensionAttributeRules
{
    private sealed record Attribute(string Where, Func<Node, bool> AppliesTo, Func<string, string?>? CheckValue = null);

    private static readonly Dictionary<string, Attribute> Known = new(StringComparer.Ordinal)
    {
        ["candidateGroups"] = new("user tasks", IsUserTask),
        ["candidateUsers"] = new("user tasks", IsUserTask),
        ["assignee"] = new("user tasks", IsUserTask),
        ["formKey"] = new("user tasks", IsUserTask),
        ["step"] = new("user tasks", IsUserTask),
        [CategoryLimitsSyntax.Name] = new("user tasks", IsUserTask),
        ["handler"] = new("service and send tasks", IsHandlerTask),
        ["async"] = new("service and send tasks", IsHandlerTask, CheckBoolean),
        ["retries"] = new("service and send tasks", IsHandlerTask, CheckRetries),
        ["resultVariable"] = new("script and service tasks", n => n is TaskNode { Kind: TaskKind.Script or TaskKind.Service }, CheckVariableName),
        ["timeLimit"] = new("activities", n => n is Activity, CheckDuration),
        ["calendar"] = new("activities", n => n is Activity, CheckCalendar),
        ["warningShare"] = new("activities", n => n is Activity, CheckWarningShare),
        ["collection"] = new("multi-instance activities", n => n is Activity),
        ["elementVariable"] = new("multi-instance activities", n => n is Activity),
        ["version"] = new("call activities", n => n is CallActivity, CheckVersion),
        ["correlationKey"] = new(
            "send and receive tasks and message catch or boundary events",
            n => n is TaskNode { Kind: TaskKind.Receive or TaskKind.Send } or IntermediateCatchEvent { Trigger: EventTrigger.Message } or BoundaryEvent { Trigger: EventTrigger.Message }),
        ["payload"] = new("send tasks", n => n is TaskNode { Kind: TaskKind.Send }),
        ["deadline"] = new("timer boundary events", n => n is BoundaryEvent { Trigger: EventTrigger.Timer }, CheckDeadline),
    };

    private static readonly string[] TimeLimitDependents = ["calendar", "warningShare"];

    /// <summary>Every <c>tg:</c> attribute name the engine reads.</summary>
    public static IReadOnlyCollection<string> KnownNames => Known.Keys;

    public static void Check(ProcessModel process, ProblemCollector problems)
    {
        foreach (var node in process.Nodes.Values)
        {
            foreach (var (name, value) in node.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                CheckAttribute(node, name, value, problems);
            }

            if (node is Activity && node.Extensions.ContainsKey("timeLimit") is false)
            {
                foreach (var dependent in TimeLimitDependents.Where(node.Extensions.ContainsKey))
                {
                    problems.Warning(
                        ValidationCodes.MisplacedExtensionAttribute,
                        node,
                        $"{Describe.Node(node)} has tg:{dependent} but no tg:timeLimit, so it has no effect. Add tg:timeLimit (e.g. P3D) or remove tg:{dependent}.");
                }
            }

            if (node is Activity { TimeLimit: { Calendar: CalendarKind.Business } limit } &&
                limit.Duration.Contains('W', StringComparison.OrdinalIgnoreCase))
            {
                problems.Error(
                    ValidationCodes.InvalidExtensionValue,
                    node,
                    $"{Describe.Node(node)} has tg:timeLimit=\"{limit.Duration}\" in business time: a week of working days depends on holidays and adjusted working days, so write working days instead, e.g. P5D.");
            }

            if (IsUserTask(node) && node.Extensions.TryGetValue(CategoryLimitsSyntax.Name, out var categoryLimits))
            {
                CheckCategoryLimits((Activity)node, categoryLimits, problems);
            }

            if (node is Activity { MultiInstance: null } && node.Extensions.ContainsKey("collection"))
            {
                problems.Warning(
                    ValidationCodes.MisplacedExtensionAttribute,
                    node,
                    $"{Describe.Node(node)} has tg:collection but is not multi-instance, so it runs once. Mark it as multi-instance (parallel or sequential) or remove tg:collection.");
            }
        }
    }

    private static void CheckAttribute(Node node, string name, string value, ProblemCollector problems)
    {
        if (!Known.TryGetValue(name, out var attribute))
        {
            var suggestion = Closest(name);
            problems.Error(
                ValidationCodes.UnknownExtensionAttribute,
                node,
                $"{Describe.Node(node)} has tg:{name}, which Tongguan does not know{(suggestion is null ? "" : $" (did you mean tg:{suggestion}?)")}. Known tg: attributes are {string.Join(", ", Known.Keys.Order(StringComparer.Ordinal))}.");
            return;
        }

        if (!attribute.AppliesTo(node))
        {
            problems.Warning(
                ValidationCodes.MisplacedExtensionAttribute,
                node,
                $"{Describe.Node(node)} has tg:{name}, which only applies to {attribute.Where}; here it has no effect. Remove it or move it to the right element.");
            return;
        }

        var complaint = attribute.CheckValue?.Invoke(value);
        if (complaint is not null)
        {
            problems.Error(
                ValidationCodes.InvalidExtensionValue,
                node,
                $"{Describe.Node(node)} has tg:{name}=\"{value}\": {complaint}");
        }
    }

    // The limits are in the task's own kind of time (its tg:calendar, business by default), so weeks are judged by it.
    private static void CheckCategoryLimits(Activity task, string value, ProblemCollector problems)
    {
        var businessTime = task.TimeLimit?.Calendar is null or CalendarKind.Business;
        if (!CategoryLimitsSyntax.TryParse(value, businessTime, out _, out var complaint))
        {
            problems.Error(
                ValidationCodes.InvalidExtensionValue,
                task,
                $"{Describe.Node(task)} has tg:{CategoryLimitsSyntax.Name}=\"{value}\": {complaint}");
            return;
        }

        if (!task.Extensions.ContainsKey("step"))
        {
            problems.Warning(
                ValidationCodes.MisplacedExtensionAttribute,
                task,
                $"{Describe.Node(task)} has tg:{CategoryLimitsSyntax.Name} but no tg:step, so no case category applies to it. Add tg:step (accept, handle or verify) or remove tg:{CategoryLimitsSyntax.Name}.");
        }
    }

    private static bool IsUserTask(Node node) => node is TaskNode { Kind: TaskKind.User };

    private static bool IsHandlerTask(Node node) => node is TaskNode { Kind: TaskKind.Service or TaskKind.Send };

    private static string? CheckBoolean(string value) =>
        bool.TryParse(value, out _) ? null : "write true or false.";

    private static string? CheckRetries(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? null
            : "retries must be a whole number of 0 or more, e.g. 3.";

    private static string? CheckVersion(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? null
            : "the version to call must be a whole number from 1, e.g. 2; leave tg:version out to call the latest published version.";

    private static string? CheckDuration(string value)
    {
        if (!Iso8601.TryParseDuration(value, out _))
        {
            return "a time limit is an ISO-8601 duration such as P5D (5 days), PT4H (4 hours) or P1DT12H.";
        }

        // Years and months have no fixed length, so the deadline module refuses them: say so before publishing.
        var datePart = value.Trim().Split('T')[0];
        return datePart.Contains('Y', StringComparison.OrdinalIgnoreCase) || datePart.Contains('M', StringComparison.OrdinalIgnoreCase)
            ? "years and months have no fixed length; write the limit in days, e.g. P30D."
            : null;
    }

    private static string? CheckDeadline(string value) =>
        value is "warning" or "due" ? null : "must be \"warning\" (the yellow warning) or \"due\" (the red breach)";

    private static string? CheckCalendar(string value) =>
        value.Equals("business", StringComparison.OrdinalIgnoreCase) || value.Equals("natural", StringComparison.OrdinalIgnoreCase)
            ? null
            : "the calendar is business (working hours, holidays excluded) or natural (round the clock).";

    private static string? CheckWarningShare(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is > 0 and < 1
            ? null
            : "the warning share is a number between 0 and 1 (exclusive), e.g. 0.8 to warn when 80% of the time limit is used.";

    private static string? CheckVariableName(string value) =>
        value.Length > 0 && (char.IsLetter(value[0]) || value[0] is '_' or '$') && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '$')
            ? null
            : "a variable name uses letters, digits, '_' or '$' and does not start with a digit.";

    private static string? Closest(string name)
    {
        var best = Known.Keys
            .Select(known => (known, distance: Distance(name.ToLowerInvariant(), known.ToLowerInvariant())))
            .MinBy(candidate => candidate.distance);
        return best.distance <= Math.Max(2, name.Length / 3) ? best.known : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
