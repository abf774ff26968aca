namespace Tongguan.Workflows.Tests.Conformance;

/// <summary>Finds folders relative to the repository, wherever the test assembly runs from.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>Tongguan.slnx</c>; throws when the tests do not run inside the repository.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Tongguan.slnx")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Tongguan.slnx.");
        }
    }

    /// <summary>The BPMN MIWG reference models in the shared folder next to the repository.</summary>
    public static string MiwgReference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "miwg", "reference"));

    public static string Definitions => Path.Combine(Root, "definitions");
}
