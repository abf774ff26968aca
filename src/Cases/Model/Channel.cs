using System.Text.Json.Serialization;

namespace Tongguan.Cases.Model;

/// <summary>Where a report came from (DESIGN.md, "Domain words").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    /// <summary>The 12345 citizen hotline: an intake agent types what the caller says.</summary>
    Hotline12345,

    /// <summary>The citizen app / 随手拍 / Open311 clients.</summary>
    CitizenApp,

    /// <summary>A grid inspector (网格员/监督员) on patrol.</summary>
    GridInspector,

    /// <summary>A sensor or early-warning model.</summary>
    IotAlert,

    /// <summary>A leader's written instruction (领导批示).</summary>
    LeadershipInstruction,

    /// <summary>The web form of the citizen portal.</summary>
    Web,
}

/// <summary>How pressing a case is; the inbox sorts and filters by it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Urgency>))]
public enum Urgency
{
    Normal = 0,
    Urgent = 1,
    Critical = 2,
}
