using Microsoft.Extensions.Options;
using Tongguan.Cases.Hosting;

namespace Tongguan.Cases.ReferenceData;

/// <summary>Where the reference data lives; bound from <see cref="SectionName"/>.</summary>
public sealed class ReferenceDataOptions
{
    public const string SectionName = "Tongguan:ReferenceData";

    /// <summary>The default folder below the repository's <c>definitions/</c>.</summary>
    public const string DefaultFolderName = "reference";

    /// <summary>
    /// The folder holding org.json, categories.json and routing-rules.json, absolute or relative to the content
    /// root. Empty: the repository's <c>definitions/reference</c>, found by walking up from the content root.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The folder to read, or null when none is configured and no repository folder is found.</summary>
    public string? ResolveFolder(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(Folder))
        {
            return Path.GetFullPath(Folder, contentRoot);
        }

        return DefinitionsFolder.FindDefault(contentRoot) is { } definitions
            ? Path.Combine(definitions, DefaultFolderName)
            : null;
    }
}

internal sealed class ReferenceDataOptionsValidator(ReferenceDataContentRoot root) : IValidateOptions<ReferenceDataOptions>
{
    public ValidateOptionsResult Validate(string? name, ReferenceDataOptions options)
    {
        var folder = options.ResolveFolder(root.Path);
        if (folder is null)
        {
            return ValidateOptionsResult.Fail(
                $"No definitions/{ReferenceDataOptions.DefaultFolderName} folder found above '{root.Path}'; set {ReferenceDataOptions.SectionName}:Folder.");
        }

        return Directory.Exists(folder)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ReferenceDataOptions.SectionName}:Folder: the folder '{folder}' does not exist.");
    }
}

/// <summary>The directory relative folders are resolved against: the host's content root, else the app's base directory.</summary>
internal sealed record ReferenceDataContentRoot(string Path);
