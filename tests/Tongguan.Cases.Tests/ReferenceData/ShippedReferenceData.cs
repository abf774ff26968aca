using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

/// <summary>The repository's definitions/reference files, copied next to the tests, loaded once.</summary>
internal static class ShippedReferenceData
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "reference");

    private static readonly Lazy<ReferenceDataSnapshot> Loaded = new(() => ReferenceDataLoader.LoadFolder(Folder));

    public static ReferenceDataSnapshot Snapshot => Loaded.Value;
}
