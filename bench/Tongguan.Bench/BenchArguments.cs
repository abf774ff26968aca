using System.Globalization;

namespace Tongguan.Bench;

/// <summary><c>command --name value --flag</c> arguments; small enough not to need a parser package.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);

    public BenchArguments(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Command = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "";
        for (var i = Command.Length > 0 ? 1 : 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options look like --name value.");
            }

            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _options[args[i][2..]] = hasValue ? args[++i] : null;
        }
    }

    public string Command { get; }

    public string? Value(string name) => _options.GetValueOrDefault(name);

    /// <summary>True when <c>--name</c> was given, with or without a value.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    public string Required(string name) =>
        Value(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Count(string name, int fallback) =>
        Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) =>
        Value(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>Finds the repository (the folder holding Tongguan.slnx) from the executable's location.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tongguan.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Tongguan.slnx above {AppContext.BaseDirectory}; run the bench from the repository.");
    }
}
