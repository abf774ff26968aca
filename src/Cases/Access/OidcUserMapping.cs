using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Access;

/// <summary>
/// Maps the identity provider's user to a Tongguan account: the configured claim (e.g. <c>preferred_username</c>)
/// must name a reference data user, whose account then signs in as if by password; anyone else is refused.
/// </summary>
public static class OidcUserMapping
{
    /// <summary>The reference data user id the external principal stands for, or null when the claim is missing or names no user.</summary>
    public static string? UserIdOf(ClaimsPrincipal external, string userNameClaim, ReferenceDataSnapshot data)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentException.ThrowIfNullOrWhiteSpace(userNameClaim);
        ArgumentNullException.ThrowIfNull(data);
        var id = external.FindFirst(userNameClaim)?.Value?.Trim();
        return string.IsNullOrEmpty(id) || data.FindUser(id) is null ? null : id;
    }

    /// <summary>
    /// The OIDC handler's TokenValidated event: replaces the provider's principal by the account's own (so the cookie
    /// carries the same claims and security stamp as a password sign-in) or fails the sign-in.
    /// </summary>
    internal static async Task OnTokenValidatedAsync(TokenValidatedContext context, string userNameClaim)
    {
        var services = context.HttpContext.RequestServices;
        var id = context.Principal is { } external ? UserIdOf(external, userNameClaim, services.GetRequiredService<ReferenceDataSnapshot>()) : null;
        var signIn = services.GetRequiredService<SignInManager<TongguanUser>>();
        var user = id is null ? null : await signIn.UserManager.FindByNameAsync(id).ConfigureAwait(false);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            context.Fail($"The identity provider's '{userNameClaim}' claim names no active Tongguan user.");
            return;
        }

        context.Principal = await signIn.CreateUserPrincipalAsync(user).ConfigureAwait(false);
    }
}
