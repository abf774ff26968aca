using System.Globalization;

namespace Tongguan.Sla.Calendar;

/// <summary>
/// One working period of a working day in local clock time, half-open: <c>[Start, End)</c>, with
/// <c>Start &lt; End</c> (a period cannot cross midnight).
/// </summary>
public readonly record struct WorkingPeriod
{
    public WorkingPeriod(TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"A working period must end after it starts ({start:HH\\:mm}–{end:HH\\:mm}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    public TimeOnly Start { get; }

    public TimeOnly End { get; }

    public bool Contains(TimeOnly time) => time >= Start && time < End;

    /// <summary>Parses <c>HH:mm-HH:mm</c> (seconds allowed), e.g. <c>09:00-12:00</c>.</summary>
    public static WorkingPeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParse(parts[0], CultureInfo.InvariantCulture, out var start)
            || !TimeOnly.TryParse(parts[1], CultureInfo.InvariantCulture, out var end))
        {
            throw new FormatException($"'{text}' is not a working period; expected HH:mm-HH:mm, e.g. 09:00-12:00.");
        }

        return new WorkingPeriod(start, end);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:HH\\:mm}-{End:HH\\:mm}");
}
