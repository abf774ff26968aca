using Tongguan.Cases.Forms;

namespace Tongguan.Cases.Tests.Forms;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("看这里<SCRIPT src=//x.example/a.js>", "<SCRIPT")]
    [InlineData("unfinished <script", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>")]
    [InlineData("<b>bold</b>", "<b>")]
    [InlineData("closing only </div>", "</div>")]
    [InlineData("<svg/onload=alert(1)>", "<svg/onload=alert(1)>")]
    [InlineData("a comment <!-- hidden -->", "<!")]
    public void Problem_RejectsMarkup(string value, string found)
    {
        var problem = PlainText.Problem(value);

        Assert.Equal($"{PlainText.Rule}; remove \"{found}\".", problem);
    }

    [Theory]
    [InlineData("x\" onerror=\"alert(1)", "onerror=")]
    [InlineData("ONLOAD = go()", "ONLOAD =")]
    [InlineData("井盖onclick=steal()", "onclick=")]
    [InlineData("javascript:alert(1)", "javascript:")]
    [InlineData("link: JaVaScRiPt:alert(1)", "JaVaScRiPt:")]
    [InlineData("java\tscript:alert(1)", "java script:")]
    [InlineData("vbscript:msgbox", "vbscript:")]
    [InlineData("data:text/html,<b", "data:text/html")]
    public void Problem_RejectsScriptUrlsAndEventHandlers(string value, string found)
    {
        Assert.Equal($"{PlainText.Rule}; remove \"{found}\".", PlainText.Problem(value));
    }

    [Theory]
    [InlineData("a\0b", "U+0000")]
    [InlineData("bell \u0007", "U+0007")]
    [InlineData("\u001b[31mred", "U+001B")]
    [InlineData("delete \u007f", "U+007F")]
    [InlineData("next line \u0085", "U+0085")]
    [InlineData("reversed \u202Egnp.exe", "U+202E")]
    public void Problem_RejectsControlCharacters(string value, string code)
    {
        var problem = PlainText.Problem(value);

        Assert.NotNull(problem);
        Assert.StartsWith(PlainText.Rule, problem, StringComparison.Ordinal);
        Assert.Contains(code, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_RejectsAnUnpairedSurrogate()
    {
        var problem = PlainText.Problem("broken \ud800 text");

        Assert.NotNull(problem);
        Assert.Contains("unpaired UTF-16 surrogate", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("小区门口井盖丢失，夜间有人跌倒风险，请尽快处理。")]
    [InlineData("a < b")]
    [InlineData("3<5 and 7>2")]
    [InlineData("x > 3 and y < 4")]
    [InlineData("温度<30℃")]
    [InlineData("已处理 👍🏻🚧 谢谢")]
    [InlineData("family 👨‍👩‍👧 emoji")]
    [InlineData("line one\nline two\r\n\tindented")]
    [InlineData("one=1, on = off, online, phone")]
    [InlineData("javascript is not a link")]
    [InlineData("data: 5 rows")]
    [InlineData("email me: wang@example.cn")]
    [InlineData("Tom & Jerry &amp; friends")]
    public void Problem_AcceptsPlainText(string value)
    {
        Assert.Null(PlainText.Problem(value));
    }

    [Fact]
    public void Problem_ShortensALongExcerpt()
    {
        var problem = PlainText.Problem("<a title=\"" + new string('x', 100) + "\">");

        Assert.NotNull(problem);
        Assert.EndsWith("…\".", problem, StringComparison.Ordinal);
        Assert.True(problem.Length < 120, problem);
    }

    [Fact]
    public void Problem_AcceptsLongInputWithManyUnclosedBrackets()
    {
        // The patterns are NonBacktracking (linear time): a backtracking engine would hang here. Plain "a < b"-style
        // brackets without a closing '>' are text, however many there are.
        var value = string.Concat(Enumerable.Repeat("< a ", 100_000));

        Assert.Null(PlainText.Problem(value));
    }
}
