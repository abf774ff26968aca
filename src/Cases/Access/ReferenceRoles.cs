using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Access;

/// <summary>
/// Gives every authenticated principal (cookie, bearer token or OIDC) the roles its user holds in the reference data,
/// as role claims the policies check. Roles are read per request rather than stored in the account, so a change in
/// org.json takes effect at the next start without re-issuing tokens.
/// </summary>
internal sealed class ReferenceRoles(ReferenceDataSnapshot data) : IClaimsTransformation
{
    public const string AuthenticationType = "tongguan-reference-data";

    public const string OrgUnitClaim = "tongguan:org_unit";

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Task.FromResult(WithRoles(principal, data));
    }

    /// <summary>The principal plus one identity holding the user's roles and org unit; unchanged when already added or the user is unknown.</summary>
    public static ClaimsPrincipal WithRoles(ClaimsPrincipal principal, ReferenceDataSnapshot data)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { } name } ||
            principal.Identities.Any(i => i.AuthenticationType == AuthenticationType) ||
            data.FindUser(name) is not { } user)
        {
            return principal;
        }

        var identity = new ClaimsIdentity(AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        identity.AddClaim(new Claim(OrgUnitClaim, user.OrgUnitId));
        var result = principal.Clone();
        result.AddIdentity(identity);
        return result;
    }
}
