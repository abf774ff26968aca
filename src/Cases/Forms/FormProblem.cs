namespace Tongguan.Cases.Forms;

/// <summary>One thing wrong in a form file: the file name, the JSON path (<c>$.fields[1].requiredWhen.field</c>) and what is wrong.</summary>
public sealed record FormProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File} {Path}: {Message}";
}

/// <summary>
/// The form files cannot be used; <see cref="Problems"/> lists everything found (not just the first), and the
/// message names each file, path and problem so that start-up fails with something a process designer can act on.
/// </summary>
public sealed class FormDefinitionException : Exception
{
    public FormDefinitionException()
        : this("", [])
    {
    }

    public FormDefinitionException(string message)
        : base(message)
    {
        Folder = "";
        Problems = [];
    }

    public FormDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Folder = "";
        Problems = [];
    }

    public FormDefinitionException(string folder, IReadOnlyList<FormProblem> problems)
        : base(Describe(folder, problems))
    {
        Folder = folder;
        Problems = problems;
    }

    public string Folder { get; }

    public IReadOnlyList<FormProblem> Problems { get; }

    private static string Describe(string folder, IReadOnlyList<FormProblem> problems) =>
        problems.Count == 0
            ? $"The forms in '{folder}' are invalid."
            : $"The forms in '{folder}' have {problems.Count} problem(s) (docs/designers/forms.md describes the files):"
              + string.Concat(problems.Select(p => $"{Environment.NewLine}  {p}"));
}
