using Microsoft.AspNetCore.Identity;

namespace Tongguan.Cases.Access;

/// <summary>
/// A sign-in account. <c>UserName</c> is the reference data user id (definitions/reference/org.json),
/// so the authenticated name is the actor everywhere; roles and groups come from the reference data, which stays the
/// one source of who may do what. <see cref="DisplayName"/> and <see cref="OrgUnitId"/> are copies refreshed at every
/// start by <see cref="UserProvisioning"/>, for operators reading the table.
/// </summary>
public sealed class TongguanUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string OrgUnitId { get; set; } = "";
}
