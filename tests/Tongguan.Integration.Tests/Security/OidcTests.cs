using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Access;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Security;

/// <summary>
/// OpenID Connect settings and mapping without a provider: the settings' validation, the scheme and its options on a
/// real host, and the mapping of the provider's user name claim to a reference data user. The sign-in round trip
/// (redirect, code exchange with PKCE, id_token validation, refusals) runs against a real provider in
/// <see cref="OidcRoundTripTests"/>.
/// </summary>
public sealed class OidcTests(OidcTests.OidcApp app) : IClassFixture<OidcTests.OidcApp>
{
    public sealed class OidcApp : SqliteApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Tongguan:Auth:Oidc:Authority", "https://idp.tongguan.example/realms/city");
            builder.UseSetting("Tongguan:Auth:Oidc:ClientId", "tongguan");
            builder.UseSetting("Tongguan:Auth:Oidc:ClientSecret", "s3cret");
            builder.UseSetting("Tongguan:Auth:Oidc:UserNameClaim", "employee_id");
        }
    }

    private static AuthOptions Valid() => new() { InitialPassword = "Valid-Passw0rd" };

    private static ValidateOptionsResult Validate(AuthOptions options) => new AuthOptionsValidator().Validate(null, options);

    [Fact]
    public void Validation_RequiresAClientId_AndHttps_WhenAnAuthorityIsSet()
    {
        var noClient = Valid();
        noClient.Oidc.Authority = "https://idp.example";
        var plainHttp = Valid();
        plainHttp.Oidc.Authority = "http://idp.example";
        plainHttp.Oidc.ClientId = "tongguan";
        var plainHttpAllowed = Valid();
        plainHttpAllowed.Oidc.Authority = "http://idp.example";
        plainHttpAllowed.Oidc.ClientId = "tongguan";
        plainHttpAllowed.Oidc.RequireHttpsMetadata = false;
        var notAUrl = Valid();
        notAUrl.Oidc.Authority = "idp";
        notAUrl.Oidc.ClientId = "tongguan";

        Assert.Contains("Oidc:ClientId is required", Validate(noClient).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("must use https", Validate(plainHttp).FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(plainHttpAllowed).Succeeded);
        Assert.Contains("absolute http(s) URL", Validate(notAUrl).FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(Valid()).Succeeded);
    }

    [Fact]
    public void Validation_RefusesAnInitialPasswordThatBreaksThePasswordRules()
    {
        var weak = Valid();
        weak.InitialPassword = "tongguan";

        var result = Validate(weak);

        Assert.False(result.Succeeded);
        Assert.Contains("at least 10 characters", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("an upper-case letter", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("a digit", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_RegistersTheOidcScheme_WithTheConfiguredClient_AndAPathToStartSignIn()
    {
        var schemes = app.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var scheme = await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme);
        var options = app.Factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

        Assert.NotNull(scheme);
        Assert.Equal("https://idp.tongguan.example/realms/city", options.Authority);
        Assert.Equal("tongguan", options.ClientId);
        Assert.Equal("code", options.ResponseType);
        Assert.True(options.UsePkce);
        Assert.Equal(IdentityConstants.ApplicationScheme, options.SignInScheme);
        Assert.Equal("/signin-oidc", options.CallbackPath.Value);
        var endpoints = app.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;
        Assert.Contains(endpoints, e => (e as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText == "/api/account/oidc");

        // Password sign-in stays available beside the provider.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymousClient().PostAsync(
            "/api/account/login", System.Net.Http.Json.JsonContent.Create(new { userName = "admin", password = TongguanApp.Password }))).StatusCode);
    }

    [Fact]
    public void ProvidersUserNameClaim_MapsToAReferenceDataUser_OrToNobody()
    {
        var data = app.Factory.Services.GetRequiredService<ReferenceDataSnapshot>();
        ClaimsPrincipal With(params Claim[] claims) => new(new ClaimsIdentity(claims, "oidc"));

        Assert.Equal("wu.gang", OidcUserMapping.UserIdOf(With(new Claim("employee_id", " wu.gang "), new Claim("sub", "8f1c")), "employee_id", data));
        Assert.Null(OidcUserMapping.UserIdOf(With(new Claim("employee_id", "stranger")), "employee_id", data));
        Assert.Null(OidcUserMapping.UserIdOf(With(new Claim("preferred_username", "wu.gang")), "employee_id", data));
    }
}
