using System.Text.Json;
using System.Text.Json.Serialization;
using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Runtime;

/// <summary>Turns <see cref="InstanceState"/> into the JSON text stores keep, and back. Thread-safe.</summary>
public static class InstanceStateSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return JsonSerializer.Serialize(state, Options);
    }

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options)
        ?? throw new InvalidOperationException("Stored instance state is empty.");

    /// <summary>A deep copy, so a failed attempt can be retried on untouched state.</summary>
    public static InstanceState Clone(InstanceState state) => Deserialize(Serialize(state));
}
