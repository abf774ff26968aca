namespace Tongguan.Sla.Deadlines.Scheduling;

/// <summary>
/// Wake-ups are kept to whole seconds, rounded up so that the sweep never runs before the instant asked for; all
/// deadlines falling in one second share one wake-up.
/// </summary>
internal static class WakeUpSecond
{
    public static DateTimeOffset Ceiling(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var remainder = utc.UtcTicks % TimeSpan.TicksPerSecond;
        return remainder == 0 ? utc : utc.AddTicks(TimeSpan.TicksPerSecond - remainder);
    }
}
