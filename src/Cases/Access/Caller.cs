using Tongguan.Cases.ReferenceData;
using Tongguan.Designer;

namespace Tongguan.Cases.Access;

/// <summary>
/// The person calling, as the reference data knows them: their roles and the candidate groups (<c>role@unit</c>)
/// that decide which tasks they see. Identified by the signed-in user's name (<see cref="RequestActor.GetActor"/>);
/// an anonymous caller has no user, no groups and therefore sees no task.
/// </summary>
public sealed record Caller(string Id, User? User, IReadOnlyList<string> Groups)
{
    public bool IsKnown => User is not null;

    public bool HasRole(string role) => User?.Roles.Contains(role, StringComparer.Ordinal) == true;

    /// <summary>Roles that phone citizens back and so see their contact data in full.</summary>
    public bool SeesPersonalData => HasRole(Roles.IntakeAgent) || HasRole(Roles.Dispatcher);

    public static Caller Of(HttpContext context, ReferenceDataSnapshot data)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var id = context.GetActor().Id;
        return new Caller(id, data.FindUser(id), [.. data.CandidateGroupsOf(id).Select(g => g.ToString())]);
    }
}

/// <summary>Masks personal data for callers who do not need it (DESIGN.md: personal data only for the roles that need it).</summary>
public static class PersonalData
{
    /// <summary><c>13812345678</c> → <c>138****5678</c>; short numbers keep only their last two digits.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        return phone.Length >= 11 ? $"{phone[..3]}****{phone[^4..]}" : new string('*', Math.Max(0, phone.Length - 2)) + phone[^Math.Min(2, phone.Length)..];
    }

    /// <summary><c>张伟</c> → <c>张*</c>, <c>Li Na</c> → <c>L****</c>.</summary>
    public static string? MaskName(string? name) =>
        string.IsNullOrEmpty(name) ? name : name[..1] + new string('*', Math.Max(1, name.Length - 1));
}
