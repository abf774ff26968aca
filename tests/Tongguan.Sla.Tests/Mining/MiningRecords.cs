using Tongguan.Sla.Mining;
using Tongguan.Workflows.Model;
using static Tongguan.Sla.Tests.Calendars;

namespace Tongguan.Sla.Tests.Mining;

/// <summary>Hand-built histories: cases and steps whose times are written out so every expected number can be checked by hand.</summary>
internal static class MiningRecords
{
    public static CaseRecord Case(
        string id,
        DateTimeOffset reported,
        string orgUnit = "城管",
        DateTimeOffset? responded = null,
        DateTimeOffset? responseDue = null,
        DateTimeOffset? closed = null,
        bool resolved = false,
        bool overdue = false,
        int reworks = 0,
        Satisfaction satisfaction = Satisfaction.None,
        string? district = "黄浦区",
        string? street = "南京东路街道",
        string category = "0101",
        string channel = "Hotline12345",
        IReadOnlyList<PauseInterval>? pauses = null) =>
        new(id, orgUnit, district, street, category, channel, reported, responded, responseDue, closed, resolved, overdue, reworks, satisfaction, pauses);

    public static StepRecord Step(
        string caseId,
        string stepId,
        DateTimeOffset created,
        DateTimeOffset? completed,
        DateTimeOffset? claimed = null,
        string orgUnit = "城管",
        string? limit = "P5D",
        CalendarKind calendar = CalendarKind.Business,
        bool breached = false,
        bool returned = false,
        bool reworked = false,
        string category = "0101",
        string process = "closed-loop",
        IReadOnlyList<PauseInterval>? pauses = null) =>
        new(caseId, process, stepId, category, orgUnit, created, claimed, completed, limit, calendar, breached, returned, reworked, pauses);

    /// <summary>
    /// One completed step per duration (working time), opened a minute of working time apart from Monday 3 March 2025
    /// 09:00 in the order given, and completed exactly that much working time later.
    /// </summary>
    public static IEnumerable<StepRecord> Durations(
        IEnumerable<TimeSpan> workingDurations,
        string? limit = "P5D",
        string orgUnit = "城管",
        Func<int, bool>? breached = null)
    {
        var index = 0;
        foreach (var duration in workingDurations)
        {
            var created = China.AddBusinessTime(China8(2025, 3, 3, 9), TimeSpan.FromMinutes(index));
            yield return Step(
                $"case-{orgUnit}-{index}",
                "handle",
                created,
                China.AddBusinessTime(created, duration),
                orgUnit: orgUnit,
                limit: limit,
                breached: breached?.Invoke(index) ?? false);
            index++;
        }
    }

    public static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    public static IEnumerable<TimeSpan> Repeat(int count, double hours) => Enumerable.Repeat(TimeSpan.FromHours(hours), count);
}
