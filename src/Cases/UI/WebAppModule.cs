using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Tongguan.Cases.Access;
using Tongguan.Cases.UI.Localization;
using Tongguan.Designer.UI;

namespace Tongguan.Cases.UI;

/// <summary>
/// The web application: a Blazor Web App (interactive server rendering, MudBlazor) on the same host as the API.
/// Pages come from this assembly and from the modules' Razor class libraries (<see cref="PageAssemblies"/>).
/// </summary>
public static class WebAppModule
{
    /// <summary>Paths that belong to the HTTP APIs: they keep the process culture, the UI's language never reaches them.</summary>
    private static readonly string[] ApiPrefixes = ["/api", "/open311", "/openapi", "/hangfire", "/tasks"];

    /// <summary>The Razor class libraries whose routable pages the app serves, besides its own.</summary>
    public static readonly Assembly[] PageAssemblies = [typeof(DesignerUiServiceCollectionExtensions).Assembly];

    public static WebApplicationBuilder AddTongguanWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The Razor class libraries' files (_content/MudBlazor, _content/Tongguan.Designer) live outside wwwroot until
        // publishing; ASP.NET Core maps them only in Development. Run from the build output in any other environment
        // (tests, a staging node started with dotnet run) they were listed as endpoints but missing on disk: every
        // request for one was a 500 (FileNotFoundException). A published app has no such manifest and is unaffected.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddDesignerUi();
        builder.Services.AddScoped<Api.BrowserApi>();
        return builder;
    }

    public static WebApplication MapTongguanWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => !IsApi(context.Request.Path), ui => ui.UseRequestLocalization(UiCultures.Options()));
        app.UseAntiforgery();
        // Scripts, styles and fonts are public: the sign-in page needs them before anyone is signed in.
        // Mapped in a group so that the development fallback it may add for files changed after the build is public too.
        app.MapGroup("").AllowAnonymous().MapStaticAssets();
        app.MapGet("/ui/culture/{name}", UiCultures.Switch).ExcludeFromDescription().AllowAnonymous();
        app.MapPost("/ui/sign-out", SignOutAsync).ExcludeFromDescription().RequireAuthorization(Policies.Staff);
        // Every page needs a signed-in user; pages narrow it with [Authorize(Policy = ...)], the sign-in form and the
        // citizen portal open it with [AllowAnonymous]. The circuit's hub is open too, for the portal's interactive
        // pages: inside a circuit the router still checks each page's [Authorize] (AuthorizeRouteView), and every
        // page reads its data through the API with the caller's own cookie.
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(PageAssemblies)
            .RequireAuthorization(Policies.Staff)
            .Add(OpenCircuitHub);
        return app;
    }

    private static void OpenCircuitHub(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route } && route.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal))
        {
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
        }
    }

    /// <summary>The shell's sign-out button: a form post with the antiforgery token, then back to the sign-in form.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<TongguanUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return TypedResults.Problem("The sign-out form's antiforgery token is missing or wrong.", statusCode: StatusCodes.Status400BadRequest);
        }

        await signIn.SignOutAsync().ConfigureAwait(false);
        return TypedResults.LocalRedirect("/account/login");
    }

    private static bool IsApi(PathString path) =>
        ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
