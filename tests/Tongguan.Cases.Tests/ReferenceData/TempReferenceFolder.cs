using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tongguan.Cases.Tests.ReferenceData;

/// <summary>A copy of the shipped reference files in a temp folder, to break one thing at a time.</summary>
internal sealed class TempReferenceFolder : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public TempReferenceFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tongguan-reference-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(ShippedReferenceData.Folder, "*.json"))
        {
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    /// <summary>Loads a file as a JSON tree, lets <paramref name="edit"/> change it and writes it back.</summary>
    public TempReferenceFolder Edit(string file, Action<JsonObject> edit)
    {
        var path = System.IO.Path.Combine(Path, file);
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(root);
        File.WriteAllText(path, root.ToJsonString(Indented));
        return this;
    }

    public TempReferenceFolder Write(string file, string text)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), text);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
