using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tongguan.Cases.Tests.Forms;

/// <summary>An empty temp folder to write form files into, one broken thing at a time.</summary>
internal sealed class TempFormFolder : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public TempFormFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tongguan-forms-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public TempFormFolder Write(string file, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), text);
        return this;
    }

    /// <summary>Writes <c>{key}.json</c> holding a valid form with the given fields.</summary>
    public TempFormFolder WriteForm(string key, params JsonObject[] fields) =>
        Write(key + ".json", Form(key, fields).ToJsonString(Indented));

    public static JsonObject Form(string key, params JsonObject[] fields) => new()
    {
        ["key"] = key,
        ["title"] = Label(),
        ["fields"] = new JsonArray([.. fields]),
    };

    public static JsonObject Field(string name, string type) => new() { ["name"] = name, ["type"] = type, ["label"] = Label() };

    public static JsonObject Label() => new() { ["zh"] = "标签", ["en"] = "Label" };

    public static JsonArray Options(params string[] values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v, ["label"] = Label() })]);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
