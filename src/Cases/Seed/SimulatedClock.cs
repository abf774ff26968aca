namespace Tongguan.Cases.Seed;

/// <summary>
/// The city's clock during a seed run: it stands still until the simulation moves it, so every engine step, deadline
/// and journal entry carries the simulated instant. It only moves forward (a deadline sweep at an earlier instant than
/// work already done would rewrite history). Not thread-safe; the simulation is one loop.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="instant"/>; an instant in the past leaves it where it is.</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        if (instant > _now)
        {
            _now = instant.ToUniversalTime();
        }
    }
}
