using Microsoft.Extensions.Options;
using Tongguan.Cases.Hosting;

namespace Tongguan.Cases.Forms;

/// <summary>Where the task forms live; bound from <see cref="SectionName"/>.</summary>
public sealed class FormsOptions
{
    public const string SectionName = "Tongguan:Forms";

    /// <summary>The default folder below the repository's <c>definitions/</c>.</summary>
    public const string DefaultFolderName = "forms";

    /// <summary>
    /// The folder holding the <c>*.json</c> form files, absolute or relative to the content root. Empty: the
    /// repository's <c>definitions/forms</c>, found by walking up from the content root.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The folder to read, or null when none is configured and no repository folder is found.</summary>
    public string? ResolveFolder(string contentRoot) => DefinitionsFolder.Resolve(Folder, DefaultFolderName, contentRoot);
}

internal sealed class FormsOptionsValidator(FormsContentRoot root) : IValidateOptions<FormsOptions>
{
    public ValidateOptionsResult Validate(string? name, FormsOptions options) =>
        DefinitionsFolder.Check(options.ResolveFolder(root.Path), FormsOptions.DefaultFolderName, FormsOptions.SectionName, root.Path);
}

/// <summary>The directory relative folders are resolved against: the host's content root, else the app's base directory.</summary>
internal sealed record FormsContentRoot(string Path);
