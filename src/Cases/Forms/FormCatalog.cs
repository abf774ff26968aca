using System.Collections.Frozen;

namespace Tongguan.Cases.Forms;

/// <summary>
/// The forms loaded at start from <c>definitions/forms</c>, by key. Immutable and safe to share between threads
/// (registered as a singleton).
/// </summary>
public sealed class FormCatalog
{
    private readonly FrozenDictionary<string, FormDefinition> _byKey;

    public FormCatalog(string source, IEnumerable<FormDefinition> forms)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(forms);
        Source = source;
        All = [.. forms.OrderBy(f => f.Key, StringComparer.Ordinal)];
        _byKey = All.ToFrozenDictionary(f => f.Key, StringComparer.Ordinal);
    }

    /// <summary>The folder the forms were read from.</summary>
    public string Source { get; }

    /// <summary>Every form, ordered by key.</summary>
    public IReadOnlyList<FormDefinition> All { get; }

    /// <summary>The form with this key (a user task's <c>tg:formKey</c>), or null.</summary>
    public FormDefinition? Find(string key) => _byKey.GetValueOrDefault(key);
}
