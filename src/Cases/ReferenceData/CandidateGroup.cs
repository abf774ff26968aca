using System.Diagnostics.CodeAnalysis;

namespace Tongguan.Cases.ReferenceData;

/// <summary>
/// The name of the group of users who may claim a task: <c>role@orgUnitId</c>, e.g. <c>officer@D01-chengguan</c>
/// (the officers of 东湖区城管) or <c>dispatcher@TG-command</c>. A user belongs to <c>r@u</c> when they hold role r
/// in unit u itself (not in a unit below it). This is the text to put in the engine's <c>tg:candidateGroups</c> or
/// to compute at run time; unit ids never contain '@' or ',' (the loader refuses them), so the name splits back.
/// </summary>
public readonly record struct CandidateGroup(string Role, string OrgUnitId)
{
    public const char Separator = '@';

    public override string ToString() => $"{Role}{Separator}{OrgUnitId}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out CandidateGroup? group)
    {
        group = null;
        var at = text?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (text is null || at <= 0 || at == text.Length - 1 || text.IndexOf(Separator, at + 1) >= 0)
        {
            return false;
        }

        group = new CandidateGroup(text[..at], text[(at + 1)..]);
        return true;
    }
}
