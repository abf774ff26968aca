using System.ComponentModel.DataAnnotations;

namespace Tongguan.Cases.Audit;

/// <summary>How the audit trail is sealed (section <c>Tongguan:Audit</c>; docs/operators/audit.md).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Tongguan:Audit";

    /// <summary>Run the sealer in this node. Several nodes may all run it: one seals at a time.</summary>
    public bool Seal { get; set; } = true;

    /// <summary>How often the sealer chains new entries: the longest time an entry stays unsealed while the sealer runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Entries chained per sealing transaction; the sealer loops until none are left.</summary>
    [Range(1, 100_000)]
    public int SealBatchSize { get; set; } = 1000;
}
