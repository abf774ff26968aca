using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Access;

/// <summary>
/// Maps the identity provider's user to a Tongguan account: the configured claim (e.g. <c>preferred_username</c>)
/// must name a reference data user, whose account then signs in as if by password; anyone else is refused.
/// </summary>
public static partial class OidcUserMapping
{
    /// <summary>Where <see cref="OnTokenValidatedAsync"/> leaves the reason it refused a user, for <see cref="OnRemoteFailureAsync"/>.</summary>
    private const string RefusalKey = "tongguan:oidc-refusal";

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
            var refusal = user is null
                ? $"The identity provider's '{userNameClaim}' claim names no Tongguan user; ask an administrator to add you to the reference data."
                : "Your Tongguan account is locked (too many failed sign-ins, or you are no longer in the reference data).";
            context.HttpContext.Items[RefusalKey] = refusal;
            context.Fail(refusal);
            return;
        }

        context.Principal = await signIn.CreateUserPrincipalAsync(user).ConfigureAwait(false);
    }

    /// <summary>
    /// The OIDC handler's RemoteFailure event: instead of the framework's exception (a 500), a 401 problem that says
    /// why, and no cookie. A token the app could not verify (signature, audience, issuer, nonce, lifetime) gets a
    /// generic reason; the detail goes to the log only, as it helps an attacker more than a user.
    /// </summary>
    internal static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        if (http.Items[RefusalKey] is not string refusal)
        {
            LogProviderAnswerRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcUserMapping)), context.Failure);
            refusal = "The identity provider's answer could not be verified, so nobody was signed in; try again, and tell an administrator if it persists.";
        }

        await TypedResults.Problem(refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed").ExecuteAsync(http).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused: the identity provider's answer failed validation")]
    private static partial void LogProviderAnswerRefused(ILogger logger, Exception? exception);
}
