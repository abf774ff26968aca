using System.Reflection;
using MudBlazor.Services;
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
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddDesignerUi();
        return builder;
    }

    public static WebApplication MapTongguanWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => !IsApi(context.Request.Path), ui => ui.UseRequestLocalization(UiCultures.Options()));
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/ui/culture/{name}", UiCultures.Switch).ExcludeFromDescription();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(PageAssemblies);
        return app;
    }

    private static bool IsApi(PathString path) =>
        ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
