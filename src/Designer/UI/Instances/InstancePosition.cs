using System.Globalization;
using Tongguan.Designer.UI.Api;

namespace Tongguan.Designer.UI.Instances;

/// <summary>
/// What the instance view marks on the diagram: where tokens wait now (<see cref="Active"/>), the nodes the journal
/// says were completed and are not active again, and the flows the journal says were taken (journalled only when the
/// engine's <c>ExecutorOptions.JournalFlowsTaken</c> is on). Property names are what client/src/viewers.js reads.
/// </summary>
public sealed record InstancePosition(
    IReadOnlyList<string> Active,
    IReadOnlyList<string> Completed,
    IReadOnlyList<string> Taken,
    IReadOnlyDictionary<string, string> ActiveTitles)
{
    public static InstancePosition Of(InstanceView instance, IReadOnlyList<JournalLineView> journal)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(journal);
        var active = instance.WaitingAt.Select(w => w.NodeId).Distinct(StringComparer.Ordinal).ToList();
        var completed = journal
            .Where(l => l.EventType == "NodeCompleted" && l.NodeId is not null && !active.Contains(l.NodeId, StringComparer.Ordinal))
            .Select(l => l.NodeId!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var taken = journal
            .Where(l => l.EventType == "FlowTaken" && !string.IsNullOrEmpty(l.Detail))
            .Select(l => l.Detail!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var titles = instance.WaitingAt
            .GroupBy(w => w.NodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("\n", g.Select(Title)), StringComparer.Ordinal);
        return new InstancePosition(active, completed, taken, titles);
    }

    private static string Title(WaitingAtView waiting)
    {
        var parts = new List<string> { waiting.Kind };
        if (waiting.TaskId is not null)
        {
            parts.Add(waiting.TaskId);
        }

        if (waiting.MessageName is not null)
        {
            parts.Add(waiting.MessageName);
        }

        if (waiting.DueAt is { } due)
        {
            parts.Add(due.ToString("u", CultureInfo.InvariantCulture));
        }

        return string.Join(" · ", parts);
    }
}
