namespace Tongguan.Cases.Seed;

/// <summary>
/// Seeds derived from the run's seed that are the same in every process (unlike <see cref="HashCode"/>, which is
/// randomised per process): a run with the same --seed makes the same draws.
/// </summary>
internal static class StableSeeds
{
    public static int Mix(int seed, long value, int salt)
    {
        // SplitMix64's finaliser: neighbouring inputs give unrelated outputs.
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)value * 0xBF58476D1CE4E5B9UL ^ (ulong)salt * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    /// <summary>FNV-1a of the text: a stable number for a unit id or a task's node.</summary>
    public static long Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }
}
