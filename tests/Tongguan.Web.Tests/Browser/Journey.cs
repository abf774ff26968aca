using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser;

/// <summary>Runs one browser journey; when it fails, saves a full-page screenshot and prints where.</summary>
public static class Journey
{
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>A designer of the reference data (definitions/reference/org.json).</summary>
    public const string Designer = "chen.jing";

    /// <summary>Runs <paramref name="journey"/> signed in as <paramref name="user"/> (through the sign-in form), or anonymous when null.</summary>
    public static async Task RunAsync(
        WebAppServer server, ITestOutputHelper output, string name, Func<IPage, Task> journey, string? locale = "en-US", string? user = Designer)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(journey);
        var page = await server.NewPageAsync(locale);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                output.WriteLine($"browser console: {message.Text}");
            }
        };
        try
        {
            if (user is not null)
            {
                await SignInAsync(page, user);
            }

            await journey(page);
        }
        catch (Exception)
        {
            Directory.CreateDirectory(ScreenshotFolder);
            var path = Path.Combine(ScreenshotFolder, $"{name}-failure.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            output.WriteLine($"screenshot of the failure: {path}");
            Console.Error.WriteLine($"[{name}] screenshot of the failure: {path}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    public static async Task SignInAsync(IPage page, string user, string password = WebAppServer.Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("account/login");
        await page.GetByTestId("user-name").FillAsync(user);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("user").WaitForAsync();
    }
}
