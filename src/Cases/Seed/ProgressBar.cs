using System.Diagnostics;
using System.Globalization;

namespace Tongguan.Cases.Seed;

/// <summary>
/// The seed's progress on stderr: problems reported of all, rate and ETA. On a terminal one line redrawn with a
/// carriage return at most four times a second; otherwise (a log file, CI) a plain line every ten seconds.
/// </summary>
internal sealed class ProgressBar(TextWriter output, bool interactive) : IProgress<SeedProgress>
{
    private const int Width = 30;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _interval = interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(10);
    private TimeSpan _lastDrawn = TimeSpan.MinValue;
    private bool _finishedDrawn;

    public void Report(SeedProgress value)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var finished = value.Reported >= value.Total;
        if (finished && _finishedDrawn)
        {
            return;
        }

        _finishedDrawn = finished;
        if (!finished && _lastDrawn != TimeSpan.MinValue && elapsed - _lastDrawn < _interval)
        {
            return;
        }

        _lastDrawn = elapsed;
        var share = value.Total == 0 ? 1 : (double)value.Reported / value.Total;
        var rate = elapsed.TotalSeconds > 0 ? value.Reported / elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((value.Total - value.Reported) / rate) : (TimeSpan?)null;
        var filled = (int)Math.Round(share * Width);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', Width - filled)}] {value.Reported:N0}/{value.Total:N0} cases  {rate:0.0} cases/s  ETA {(eta is { } e ? Format(e) : "--:--")}  (city time {value.SimulatedNow:yyyy-MM-dd})");
        if (interactive)
        {
            output.Write('\r' + line);
            if (finished)
            {
                output.WriteLine();
            }
        }
        else
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes:00}:{span.Seconds:00}");
}
