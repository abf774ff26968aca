namespace Tongguan.Workflows.Expressions;

/// <summary>Limits every expression and script runs under.</summary>
/// <param name="Timeout">Wall-clock budget of one evaluation.</param>
/// <param name="MemoryBytes">Memory the evaluation may allocate.</param>
/// <param name="RecursionDepth">Maximum JavaScript call depth.</param>
/// <param name="MaxStatements">Maximum statements executed by one evaluation.</param>
public sealed record SandboxLimits(TimeSpan Timeout, long MemoryBytes, int RecursionDepth, int MaxStatements)
{
    /// <summary>250 ms, 8 MB, depth 64, one million statements.</summary>
    public static SandboxLimits Default { get; } = new(TimeSpan.FromMilliseconds(250), 8L * 1024 * 1024, 64, 1_000_000);
}
