using System.Globalization;

namespace Tongguan.Cases.Seed;

/// <summary>The options of one seed run (see docs/operators/seed.md).</summary>
/// <param name="Cases">How many problems the city reports over the year (duplicates come on top).</param>
/// <param name="Year">The simulated year; reports arrive from 1 January to 31 December, city time.</param>
/// <param name="Seed">Same seed, same year: the same reports, decisions and delays.</param>
/// <param name="SlowUnits">Units that take <see cref="CaseWorkers.SlowFactor"/> times longer to accept and handle.</param>
public sealed record SeedSettings(int Cases, int Year, int Seed, IReadOnlySet<string> SlowUnits)
{
    public const int MaxCases = 10_000_000;
    public const int DefaultYear = 2025;
    public const int DefaultSeed = 42;
    public const string DefaultSlowUnits = "D02-chengguan,D01-shuiwu";

    /// <summary>Share of problems reported a second time (a few hours later, through another channel).</summary>
    public const double DuplicateRate = 0.08;

    /// <summary>
    /// Reads <c>--cases N [--year Y] [--seed S] [--slow A,B]</c>. Arguments of the form <c>--Section:Key=value</c> or
    /// <c>--Section:Key value</c> are configuration for the host and are passed over here.
    /// </summary>
    /// <returns>The settings, or the reason the arguments are not usable.</returns>
    public static (SeedSettings? Settings, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int? cases = null;
        var year = DefaultYear;
        var seed = DefaultSeed;
        var slow = DefaultSlowUnits;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (IsConfiguration(arg))
            {
                if (!arg.Contains('=', StringComparison.Ordinal))
                {
                    i++;
                }

                continue;
            }

            var name = arg;
            string? value = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[i + 1];
                i++;
            }

            switch (name)
            {
                case "--cases":
                    if (!TryInt(value, 1, MaxCases, out var n))
                    {
                        return (null, $"--cases needs a whole number from 1 to {MaxCases:N0}; got '{value}'.");
                    }

                    cases = n;
                    break;
                case "--year":
                    if (!TryInt(value, 2000, 2100, out year))
                    {
                        return (null, $"--year needs a year from 2000 to 2100; got '{value}'.");
                    }

                    break;
                case "--seed":
                    if (!TryInt(value, int.MinValue, int.MaxValue, out seed))
                    {
                        return (null, $"--seed needs a whole number; got '{value}'.");
                    }

                    break;
                case "--slow":
                    if (value is null)
                    {
                        return (null, "--slow needs a comma-separated list of org unit ids (or '' for none).");
                    }

                    slow = value;
                    break;
                default:
                    return (null, $"Unknown argument '{arg}'.");
            }
        }

        if (cases is null)
        {
            return (null, "--cases is required.");
        }

        var units = slow.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return (new SeedSettings(cases.Value, year, seed, units), null);
    }

    private static bool IsConfiguration(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Split('=')[0].Contains(':', StringComparison.Ordinal);

    private static bool TryInt(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
