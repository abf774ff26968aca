using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Persistence;

namespace Tongguan.Cases.Access;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// The scheme every request authenticates with: it forwards to Identity's bearer token scheme when the request
    /// carries <c>Authorization: Bearer …</c> (API clients) and to Identity's cookie otherwise (the browser UI).
    /// </summary>
    public const string Scheme = "Tongguan";

    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// ASP.NET Core Identity on the app's database (accounts = reference data users, provisioned at start), cookie
    /// and bearer token sign-in, optional OpenID Connect, and the authorisation policies of <see cref="Policies"/>.
    /// </summary>
    public static WebApplicationBuilder AddTongguanAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        // Bound again here because Identity's own options are read while services are built; the validated copy above
        // is what stops a bad configuration at start.
        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        services.AddIdentityCore<TongguanUser>(o =>
            {
                o.Password.RequiredLength = auth.Password.RequiredLength;
                o.Password.RequireDigit = auth.Password.RequireDigit;
                o.Password.RequireLowercase = auth.Password.RequireLowercase;
                o.Password.RequireUppercase = auth.Password.RequireUppercase;
                o.Password.RequireNonAlphanumeric = auth.Password.RequireNonAlphanumeric;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = auth.Lockout.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.Lockout.Minutes);

                // Reference data ids are ASCII names like wang.fang; anything else is refused at provisioning.
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<TongguanDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o =>
            {
                o.ForwardDefaultSelector = context => HasBearerToken(context.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(auth.Tokens.AccessTokenMinutes);
                o.RefreshTokenExpiration = TimeSpan.FromDays(auth.Tokens.RefreshTokenDays);
            });
        authentication.AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(ConfigureApplicationCookie));
        if (auth.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcScheme, "City identity provider", o => ConfigureOidc(o, auth.Oidc));
        }

        if (!string.IsNullOrWhiteSpace(auth.KeysPath))
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(auth.KeysPath)).SetApplicationName("Tongguan");
        }

        services.AddTransient<IClaimsTransformation, ReferenceRoles>();
        services.AddAuthorization(Policies.Add);
        services.AddHostedService<UserProvisioning>();
        return builder;
    }

    /// <summary>Authentication and authorisation middleware; call before the endpoints and the job dashboard.</summary>
    public static WebApplication UseTongguanAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    internal static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>API and Open311 callers get 401/403 problem responses; only browser pages are redirected to sign in.</summary>
    internal static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
        request.Path.StartsWithSegments(Open311.Open311Module.BasePath, StringComparison.OrdinalIgnoreCase) ||
        !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static void ConfigureApplicationCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "Tongguan.Auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApiRequest(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void ConfigureOidc(OpenIdConnectOptions options, OidcOptions oidc)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.CallbackPath = oidc.CallbackPath;
        options.SignedOutCallbackPath = oidc.SignedOutCallbackPath;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.SignInScheme = IdentityConstants.ApplicationScheme;
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        foreach (var scope in oidc.Scopes)
        {
            options.Scope.Add(scope);
        }

        var userNameClaim = oidc.UserNameClaim;
        options.Events.OnTokenValidated = context => OidcUserMapping.OnTokenValidatedAsync(context, userNameClaim);
        options.Events.OnRemoteFailure = OidcUserMapping.OnRemoteFailureAsync;
    }
}
