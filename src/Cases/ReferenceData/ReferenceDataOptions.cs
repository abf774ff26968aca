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
    public string? ResolveFolder(string contentRoot) => DefinitionsFolder.Resolve(Folder, DefaultFolderName, contentRoot);
}

internal sealed class ReferenceDataOptionsValidator(ReferenceDataContentRoot root) : IValidateOptions<ReferenceDataOptions>
{
    public ValidateOptionsResult Validate(string? name, ReferenceDataOptions options) =>
        DefinitionsFolder.Check(options.ResolveFolder(root.Path), ReferenceDataOptions.DefaultFolderName, ReferenceDataOptions.SectionName, root.Path);
}

/// <summary>The directory relative folders are resolved against: the host's content root, else the app's base directory.</summary>
internal sealed record ReferenceDataContentRoot(string Path);
