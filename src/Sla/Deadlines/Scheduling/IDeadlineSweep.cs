namespace Tongguan.Sla.Deadlines.Scheduling;

/// <summary>
/// Fires every pending deadline whose warning (yellow) or due (red) time has passed, each exactly once across all
/// nodes: the scheduler's jobs resolve it from a fresh DI scope and call <see cref="RunAsync"/>.
/// </summary>
public interface IDeadlineSweep
{
    Task<DeadlineSweepResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>What one sweep fired.</summary>
/// <param name="Warned">Deadlines turned yellow.</param>
/// <param name="Breached">Deadlines turned red.</param>
public sealed record DeadlineSweepResult(int Warned, int Breached)
{
    public static DeadlineSweepResult None { get; } = new(0, 0);
}
