using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Tongguan.Web.Tests.Browser;

[Collection(BrowserSuite.Name)]
public sealed partial class SignInTests(WebAppServer server, ITestOutputHelper output)
{
    [Fact]
    public Task AnonymousVisitor_IsSentToTheSignInForm_AndBackAfterSigningIn() =>
        Journey.RunAsync(server, output, nameof(AnonymousVisitor_IsSentToTheSignInForm_AndBackAfterSigningIn), async page =>
        {
            await page.GotoAsync("designer");
            await page.WaitForURLAsync(SignInForm());

            await page.GetByTestId("user-name").FillAsync(Journey.Designer);
            await page.GetByTestId("password").FillAsync(WebAppServer.Password);
            await page.GetByTestId("sign-in").ClickAsync();

            await page.WaitForURLAsync(new Regex("/designer$"));
            await Assertions.Expect(page.GetByTestId("user")).ToHaveTextAsync(Journey.Designer);
            await Assertions.Expect(page.GetByTestId("definitions")).ToBeVisibleAsync();
        }, user: null);

    [Fact]
    public Task WrongPassword_IsRefusedWithAMessage() =>
        Journey.RunAsync(server, output, nameof(WrongPassword_IsRefusedWithAMessage), async page =>
        {
            await page.GotoAsync("account/login");
            await page.GetByTestId("user-name").FillAsync(Journey.Designer);
            await page.GetByTestId("password").FillAsync("not-the-password");
            await page.GetByTestId("sign-in").ClickAsync();

            await Assertions.Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("wrong");
            await Assertions.Expect(page.GetByTestId("user")).ToHaveCountAsync(0);
        }, user: null);

    [Fact]
    public Task Officer_SeesNoEditorInTheMenu_AndIsRefusedTheEditor() =>
        Journey.RunAsync(server, output, nameof(Officer_SeesNoEditorInTheMenu_AndIsRefusedTheEditor), async page =>
        {
            await page.GotoAsync("");
            await Assertions.Expect(page.GetByTestId("user")).ToHaveTextAsync("cao.yang");
            await Assertions.Expect(page.GetByTestId("nav-designer")).ToHaveCountAsync(0);

            await page.GotoAsync("designer");
            await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("definitions")).ToHaveCountAsync(0);
        }, user: "cao.yang");

    [Fact]
    public Task SignOut_EndsTheSession() =>
        Journey.RunAsync(server, output, nameof(SignOut_EndsTheSession), async page =>
        {
            await page.GotoAsync("");
            await page.GetByTestId("sign-out").ClickAsync();
            await page.WaitForURLAsync(SignInForm());

            await page.GotoAsync("designer");
            await page.WaitForURLAsync(SignInForm());
        });

    [GeneratedRegex("/account/login", RegexOptions.IgnoreCase)]
    private static partial Regex SignInForm();
}
