using Tongguan.Cases.Forms;
using Tongguan.Cases.Hosting;

namespace Tongguan.Cases.Tests.Forms;

/// <summary>The repository's definitions/forms, found by walking up from the test's output folder, loaded once.</summary>
internal static class ShippedForms
{
    public static readonly string Folder = Path.Combine(
        DefinitionsFolder.FindDefault(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No definitions/ folder above {AppContext.BaseDirectory}."),
        FormsOptions.DefaultFolderName);

    private static readonly Lazy<FormCatalog> Loaded = new(() => FormLoader.LoadFolder(Folder));

    public static FormCatalog Catalog => Loaded.Value;

    public static FormDefinition Get(string key) =>
        Catalog.Find(key) ?? throw new InvalidOperationException($"The shipped forms have no '{key}'.");
}
