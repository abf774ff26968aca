using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Tongguan.Cases.UI.Localization;

/// <summary>
/// The UI's two languages. Text lives in typed dictionaries (<see cref="ShellText"/>, the designer's DesignerText):
/// a missing translation is a compile error, not a key shown on screen. zh-CN is the default; the choice is kept
/// in the standard ASP.NET Core culture cookie, set by <c>GET /ui/culture/{name}</c>.
/// </summary>
public static class UiCultures
{
    public const string Chinese = "zh-CN";

    public const string English = "en";

    public static readonly IReadOnlyList<CultureInfo> Supported = [new(Chinese), new(English)];

    public static bool IsEnglish(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en";
    }

    internal static RequestLocalizationOptions Options() => new()
    {
        DefaultRequestCulture = new RequestCulture(Chinese),
        SupportedCultures = [.. Supported],
        SupportedUICultures = [.. Supported],
        // Cookie first (the switch), then the browser's Accept-Language; no query-string culture.
        RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()],
    };

    /// <summary>Sets the culture cookie and goes back to the page the switch was clicked on.</summary>
    internal static IResult Switch(string name, string? returnUrl, HttpContext context)
    {
        var culture = Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (culture is null)
        {
            return TypedResults.Problem($"Unknown language '{name}'; use {Chinese} or {English}.", statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary><paramref name="returnUrl"/> when it is a path of this site, else the home page: no open redirects.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
