namespace Tongguan.Cases.ReferenceData;

/// <summary>One thing wrong in a reference-data file: the file name, the JSON path (<c>$.units[3].parent</c>) and what is wrong.</summary>
public sealed record ReferenceDataProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File} {Path}: {Message}";
}

/// <summary>
/// The reference data cannot be used; <see cref="Problems"/> lists everything found (not just the first), and the
/// message names each file, path and problem so that start-up fails with something a city's editor can act on.
/// </summary>
public sealed class ReferenceDataException : Exception
{
    public ReferenceDataException()
        : this("", [])
    {
    }

    public ReferenceDataException(string message)
        : this(message, [])
    {
    }

    public ReferenceDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Folder = "";
        Problems = [];
    }

    public ReferenceDataException(string folder, IReadOnlyList<ReferenceDataProblem> problems)
        : base(Describe(folder, problems))
    {
        Folder = folder;
        Problems = problems;
    }

    public string Folder { get; }

    public IReadOnlyList<ReferenceDataProblem> Problems { get; }

    private static string Describe(string folder, IReadOnlyList<ReferenceDataProblem> problems) =>
        problems.Count == 0
            ? $"The reference data in '{folder}' is invalid."
            : $"The reference data in '{folder}' has {problems.Count} problem(s) (docs/reference-data.md describes the files):"
              + string.Concat(problems.Select(p => $"{Environment.NewLine}  {p}"));
}
