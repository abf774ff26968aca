using System.Globalization;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Attachments;

/// <summary>Where uploaded proof photos and documents are kept and what is accepted; bound from <see cref="SectionName"/>.</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Tongguan:Attachments";

    public const string DefaultFolder = "data/attachments";

    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public const long SmallestMaxBytes = 1024;

    public const long LargestMaxBytes = 100 * 1024 * 1024;

    /// <summary>The folder below the content root that the static-file middleware serves as it is.</summary>
    public const string WebRootFolderName = "wwwroot";

    /// <summary>
    /// The folder the files are stored in, absolute or relative to the content root. It must not be inside the web
    /// root, where the static-file middleware would hand an upload back with a type the browser guesses.
    /// </summary>
    public string Folder { get; set; } = DefaultFolder;

    /// <summary>The largest accepted file in bytes, between <see cref="SmallestMaxBytes"/> and <see cref="LargestMaxBytes"/>.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// The accepted content types, a subset of <see cref="ContentSniffer.SupportedTypes"/>. A configured list replaces
    /// the default (all supported types) rather than adding to it.
    /// </summary>
    public IList<string> AllowedTypes { get; } = [.. ContentSniffer.SupportedTypes];

    /// <summary>The full path of <see cref="Folder"/>, relative paths resolved against <paramref name="contentRoot"/>.</summary>
    public string ResolveFolder(string contentRoot) => Path.GetFullPath(Folder, contentRoot);
}

/// <summary>Checks the options when the host starts, naming the key and the value that is wrong.</summary>
internal sealed class AttachmentOptionsValidator(AttachmentHostPaths paths) : IValidateOptions<AttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentOptions options)
    {
        var failures = new List<string>();
        ValidateFolder(options, failures);

        if (options.MaxBytes is < AttachmentOptions.SmallestMaxBytes or > AttachmentOptions.LargestMaxBytes)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{AttachmentOptions.SectionName}:MaxBytes is {options.MaxBytes}; it must be between {AttachmentOptions.SmallestMaxBytes} (1 KiB) and {AttachmentOptions.LargestMaxBytes} (100 MiB)."));
        }

        var supported = string.Join(", ", ContentSniffer.SupportedTypes);
        if (options.AllowedTypes.Count == 0)
        {
            failures.Add($"{AttachmentOptions.SectionName}:AllowedTypes is empty; list at least one of {supported}.");
        }

        foreach (var type in options.AllowedTypes)
        {
            if (!ContentSniffer.SupportedTypes.Contains(type?.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add(
                    $"{AttachmentOptions.SectionName}:AllowedTypes: '{type}' is not supported; only types recognised from the file's content are: {supported}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateFolder(AttachmentOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add($"{AttachmentOptions.SectionName}:Folder is empty; set a folder outside the web root, e.g. {AttachmentOptions.DefaultFolder}.");
            return;
        }

        string folder;
        try
        {
            folder = options.ResolveFolder(paths.ContentRoot);
        }
        catch (ArgumentException exception)
        {
            failures.Add($"{AttachmentOptions.SectionName}:Folder '{options.Folder}' is not a valid path: {exception.Message}");
            return;
        }

        foreach (var webRoot in paths.WebRoots())
        {
            if (IsSameOrInside(folder, webRoot))
            {
                failures.Add(
                    $"{AttachmentOptions.SectionName}:Folder '{folder}' is inside the web root '{webRoot}', which serves files to anyone as they are; choose a folder outside it, e.g. {AttachmentOptions.DefaultFolder}.");
                return;
            }
        }
    }

    // Case-insensitive even on case-sensitive file systems: refusing a harmless look-alike is cheaper than serving uploads.
    private static bool IsSameOrInside(string folder, string root)
    {
        var normalisedFolder = Path.TrimEndingDirectorySeparator(folder);
        var normalisedRoot = Path.TrimEndingDirectorySeparator(root);
        return normalisedFolder.Equals(normalisedRoot, StringComparison.OrdinalIgnoreCase)
            || normalisedFolder.StartsWith(normalisedRoot + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase)
            || normalisedFolder.StartsWith(normalisedRoot + Path.AltDirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The host's content root (relative folders resolve against it) and its configured web root, if any.</summary>
internal sealed record AttachmentHostPaths(string ContentRoot, string? WebRoot = null)
{
    /// <summary>The configured web root and the default <c>wwwroot</c>, which the host serves once the folder exists.</summary>
    public IEnumerable<string> WebRoots()
    {
        if (!string.IsNullOrWhiteSpace(WebRoot))
        {
            yield return Path.GetFullPath(WebRoot, ContentRoot);
        }

        yield return Path.GetFullPath(AttachmentOptions.WebRootFolderName, ContentRoot);
    }
}
