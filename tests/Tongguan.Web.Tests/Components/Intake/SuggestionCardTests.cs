using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Tongguan.Cases.UI.Intake;

namespace Tongguan.Web.Tests.Components.Intake;

public sealed class SuggestionCardTests
{
    private static readonly FactorsView Factors = new(82.4, TimeSpan.FromHours(3.5), "SameLeaf", 0.413, "Same", SameReporter: true);

    private static readonly ReasonView[] Reasons =
    [
        new("distance", "82 m away"),
        new("category", "same category 垃圾桶满溢"),
        new("time", "reported 3 h apart"),
        new("text", "text 41% similar"),
        new("address", "same house number"),
        new("reporter", "same reporter phone"),
    ];

    private static SuggestionView Suggestion(SuggestedCaseView? found = null, string decision = "Suggest") =>
        new("TG-20260302-7K3M9QX2PA", 0.781, decision, Reasons, Factors, found);

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    [Fact]
    public void Reasons_AreWordedInChinese_FromTheCodesAndFactors()
    {
        var text = SuggestionReasons.Describe(Suggestion(), IntakeText.Chinese);

        Assert.Equal(["相距 82 米", "同一类别", "上报时间相隔 3 小时", "文字相似度 41%", "门牌号相同", "同一反映人电话"], text);
    }

    [Fact]
    public void Reasons_InEnglish_AreTheDetectorsOwnWords()
    {
        Assert.Equal(Reasons.Select(r => r.Text), SuggestionReasons.Describe(Suggestion(), IntakeText.English));
    }

    [Fact]
    public void Reasons_SayRelatedCategoryAndDifferentHouseNumbers_WhenTheFactorsDo()
    {
        var factors = Factors with { Category = "SameMajor", Address = "Different" };

        Assert.Equal("相关类别（同一大类）", SuggestionReasons.Describe(Reasons[1], factors, IntakeText.Chinese));
        Assert.Equal("门牌号不同", SuggestionReasons.Describe(Reasons[4], factors, IntakeText.Chinese));
        Assert.Equal("unknown reason", SuggestionReasons.Describe(new ReasonView("landmark", "unknown reason"), factors, IntakeText.Chinese));
    }

    [Theory]
    [InlineData(20, "20 分钟")]
    [InlineData(60 * 30, "30 小时")]
    [InlineData(60 * 24 * 3, "3 天")]
    public void Span_IsMinutesThenHoursThenDays(int minutes, string expected) =>
        Assert.Equal(expected, SuggestionReasons.Span(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public async Task Card_ShowsTheCaseAndReasons_AndMergeReportsTheCaseNumber()
    {
        await using var context = NewContext();
        string? merged = null;
        var found = new SuggestedCaseView("Dispatched", "S0102", "江畔路16号垃圾桶满溢", "江畔路16号", 30.1, 120.2, 2, DateTimeOffset.UnixEpoch);
        var card = context.Render<SuggestionCard>(p => p
            .Add(x => x.Suggestion, Suggestion(found, "AutoMerge"))
            .Add(x => x.Text, IntakeText.Chinese)
            .Add(x => x.OnMerge, (string number) => merged = number));

        Assert.Equal(6, card.FindAll("[data-testid=reason]").Count);
        Assert.Contains("江畔路16号垃圾桶满溢", card.Find("[data-testid=suggestion-description]").TextContent, StringComparison.Ordinal);
        Assert.Contains("0.78", card.Find("[data-testid=suggestion-score]").TextContent, StringComparison.Ordinal);
        Assert.Contains("已派遣 · 2 条诉求", card.Find("[data-testid=suggestion]").TextContent, StringComparison.Ordinal);
        Assert.Equal("AutoMerge", card.Find("[data-testid=suggestion]").GetAttribute("data-decision"));
        await card.Find("[data-testid=merge]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Assert.Equal("TG-20260302-7K3M9QX2PA", merged);
    }

    [Fact]
    public async Task Card_ForACaseOutsideTheScope_ShowsNoDescription()
    {
        await using var context = NewContext();
        var card = context.Render<SuggestionCard>(p => p.Add(x => x.Suggestion, Suggestion()).Add(x => x.Text, IntakeText.English));

        Assert.Empty(card.FindAll("[data-testid=suggestion-description]"));
        Assert.Contains(IntakeText.English.NotInScope, card.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AutoMerge", "#c62828")]
    [InlineData("Suggest", "#ef6c00")]
    [InlineData("None", "#757575")]
    public void Colour_FollowsTheDecision(string decision, string colour) => Assert.Equal(colour, SuggestionReasons.Colour(decision));
}
