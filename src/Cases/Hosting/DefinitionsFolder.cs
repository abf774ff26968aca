using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Hosting;

/// <summary>Finds the repository's <c>definitions/</c> folder, the default source of the demo processes.</summary>
public static class DefinitionsFolder
{
    public const string FolderName = "definitions";

    /// <summary>
    /// Walks up from <paramref name="start"/> (the content root: src/Cases under <c>dotnet run</c>, or a test's
    /// output folder) to the first directory holding <c>definitions/</c> next to <c>Tongguan.slnx</c>.
    /// </summary>
    /// <returns>The full path, or null when no such folder exists above <paramref name="start"/>.</returns>
    public static string? FindDefault(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FolderName);
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Tongguan.slnx")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// A data folder of a module: <paramref name="configured"/> (absolute, or relative to the content root) when set,
    /// else <paramref name="subfolder"/> of the repository's <c>definitions/</c>; null when neither exists.
    /// </summary>
    public static string? Resolve(string? configured, string subfolder, string contentRoot) =>
        !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(configured, contentRoot)
        : FindDefault(contentRoot) is { } definitions ? Path.Combine(definitions, subfolder)
        : null;

    /// <summary>Start-up check of a folder from <see cref="Resolve"/>, naming the setting to change.</summary>
    public static ValidateOptionsResult Check(string? folder, string subfolder, string sectionName, string contentRoot) =>
        folder is null
            ? ValidateOptionsResult.Fail($"No {FolderName}/{subfolder} folder found above '{contentRoot}'; set {sectionName}:Folder.")
            : Directory.Exists(folder)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{sectionName}:Folder: the folder '{folder}' does not exist.");
}
