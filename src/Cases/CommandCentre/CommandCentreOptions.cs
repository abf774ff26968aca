using System.ComponentModel.DataAnnotations;

namespace Tongguan.Cases.CommandCentre;

/// <summary>The command-centre screen (指挥中心大屏): how often it asks the API for the open cases and today's KPIs.</summary>
public sealed class CommandCentreOptions
{
    public const string SectionName = "Tongguan:CommandCentre";

    /// <summary>Seconds between refreshes; a wall screen need not hammer the database, nor lag a minute behind.</summary>
    [Range(2, 3600)]
    public int RefreshSeconds { get; set; } = 10;

    /// <summary>At most this many open cases are drawn on the map (the most recently reported ones).</summary>
    [Range(1, 20_000)]
    public int MapLimit { get; set; } = 5000;

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(RefreshSeconds);
}
