using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Access;

/// <summary>
/// Sign-in for API clients and the browser UI (docs/api.md): <c>POST /api/account/login</c> answers with a bearer
/// token (Identity's token format, as MapIdentityApi does) or, with <c>?useCookies=true</c>, sets the sign-in cookie.
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/account").WithTags("Account");
        group.MapPost("/login", LoginAsync).WithName("Login").AllowAnonymous()
            .WithSummary("Password sign-in: a bearer token (default) or the sign-in cookie (?useCookies=true); 401 on a wrong password or a locked account.");
        group.MapPost("/refresh", RefreshAsync).WithName("RefreshToken").AllowAnonymous()
            .WithSummary("A new bearer token for a refresh token that is still valid and whose account has not changed its security stamp.");
        group.MapPost("/logout", LogoutAsync).WithName("Logout").RequireAuthorization(Policies.Staff)
            .WithSummary("Ends the cookie session and invalidates the caller's refresh tokens.");
        group.MapGet("/me", Me).WithName("GetMe").RequireAuthorization(Policies.Staff)
            .WithSummary("The signed-in user: id, name, roles, org unit and candidate groups.");
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Oidc.Enabled)
        {
            group.MapGet("/oidc", Oidc).WithName("OidcSignIn").AllowAnonymous()
                .WithSummary("Starts sign-in at the city's identity provider; comes back to returnUrl (a local path).");
        }

        return endpoints;
    }

    public sealed record LoginRequest([property: Required] string UserName, [property: Required] string Password);

    public sealed record RefreshRequest([property: Required] string RefreshToken);

    public sealed record OrgUnitRef(string Id, LocalizedName Name);

    public sealed record MeResponse(string Id, string Name, IReadOnlyList<string> Roles, OrgUnitRef? OrgUnit, IReadOnlyList<string> Groups);

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request,
        bool? useCookies,
        bool? persistent,
        SignInManager<TongguanUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request?.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["userName"] = ["A user name and a password are required."],
            });
        }

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, persistent == true, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            // The bearer handler has written the token response; the cookie handler has set the cookie.
            return TypedResults.Empty;
        }

        return TypedResults.Problem(
            result.IsLockedOut
                ? "The account is locked after too many failed sign-ins; try again later."
                : "Unknown user name or wrong password.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in failed");
    }

    private static async Task<Results<UnauthorizedHttpResult, SignInHttpResult, ValidationProblem>> RefreshAsync(
        RefreshRequest request,
        SignInManager<TongguanUser> signIn,
        IOptionsMonitor<BearerTokenOptions> tokens,
        TimeProvider time)
    {
        if (string.IsNullOrEmpty(request?.RefreshToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["The refresh token of a sign-in is required."] });
        }

        var options = tokens.Get(IdentityConstants.BearerScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || (options.TimeProvider ?? time).GetUtcNow() >= expires ||
            await signIn.ValidateSecurityStampAsync(ticket.Principal).ConfigureAwait(false) is not { } user ||
            await signIn.UserManager.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return TypedResults.Unauthorized();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user).ConfigureAwait(false);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, SignInManager<TongguanUser> signIn)
    {
        // A bearer access token cannot be recalled (it is self-contained until it expires); a new security stamp
        // stops its refresh token and every cookie of the account at their next validation.
        if (await signIn.UserManager.GetUserAsync(context.User).ConfigureAwait(false) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        }

        if (!AuthServiceCollectionExtensions.HasBearerToken(context.Request))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
        }

        return TypedResults.NoContent();
    }

    private static MeResponse Me(HttpContext context, ReferenceDataSnapshot data)
    {
        var caller = Caller.Of(context, data);
        var unit = caller.User is { } user ? data.FindOrgUnit(user.OrgUnitId) : null;
        return new MeResponse(
            caller.Id,
            caller.User?.Name ?? caller.Id,
            caller.User?.Roles ?? [],
            unit is null ? null : new OrgUnitRef(unit.Id, unit.Names),
            caller.Groups);
    }

    private static ChallengeHttpResult Oidc(string? returnUrl) =>
        TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/" },
            [AuthServiceCollectionExtensions.OidcScheme]);
}
