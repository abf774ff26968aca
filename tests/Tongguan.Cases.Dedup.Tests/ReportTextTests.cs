namespace Tongguan.Cases.Dedup.Tests;

public sealed class ReportTextTests
{
    [Fact]
    public void Normalise_FoldsFullWidthDropsPunctuationAndWhitespaceAndLowersCase()
    {
        var normalised = ReportText.Normalise("ＡＢＣ路　１２号， 井盖  不见了！！(B区)");

        Assert.Equal("abc路12号井盖不见了b区", normalised);
    }

    [Fact]
    public void Normalise_RemovesHotlineBoilerplate()
    {
        var normalised = ReportText.Normalise("市民来电反映：解放路有摊贩占道经营，请相关部门尽快处理。");

        Assert.Equal("解放路有摊贩占道经营", normalised);
    }

    [Theory]
    [InlineData("井盖\uFFFE不见了")]
    [InlineData("井盖\uD800不见了")]
    [InlineData("井盖不见了\uDFFF")]
    [InlineData("\uFFFF井盖不见了")]
    public void Normalise_DropsLoneSurrogatesAndNoncharacters_InsteadOfThrowing(string text)
    {
        // Found by the public endpoint fuzzing: string.Normalize threw, and a report with such a text was a 500.
        Assert.Equal("井盖不见了", ReportText.Normalise(text));
        Assert.Equal(4, TextFingerprint.Of(text).DistinctGrams);
    }

    [Fact]
    public void Normalise_ReturnsEmpty_ForNullOrPunctuationOnly()
    {
        Assert.Equal(string.Empty, ReportText.Normalise(null));
        Assert.Equal(string.Empty, ReportText.Normalise("，。！？ ……"));
    }

    [Fact]
    public void Cosine_IsOne_ForTextsThatDifferOnlyInWidthAndPunctuation()
    {
        var first = TextFingerprint.Of("解放路１２号井盖不见了！");
        var second = TextFingerprint.Of("解放路12号，井盖不见了");

        Assert.Equal(1.0, first.Cosine(second), 9);
    }

    [Fact]
    public void Cosine_MatchesHandComputedValue_ForOverlappingBigrams()
    {
        // 井盖破了: 井盖 盖破 破了; 井盖丢了: 井盖 盖丢 丢了 — one shared bigram of three each: 1/3.
        var first = TextFingerprint.Of("井盖破了");
        var second = TextFingerprint.Of("井盖丢了");

        Assert.Equal(1.0 / 3, first.Cosine(second), 9);
    }

    [Fact]
    public void Cosine_CountsRepeatedBigrams()
    {
        // 哈哈哈: 哈哈 ×2 (norm 2); 哈哈: 哈哈 ×1 (norm 1); dot 2 → 1. 哈哈哈呀: 哈哈 ×2, 哈呀 ×1 (norm √5) vs 哈哈: 2/√5.
        Assert.Equal(1.0, TextFingerprint.Of("哈哈哈").Cosine(TextFingerprint.Of("哈哈")), 9);
        Assert.Equal(2 / Math.Sqrt(5), TextFingerprint.Of("哈哈哈呀").Cosine(TextFingerprint.Of("哈哈")), 9);
    }

    [Fact]
    public void Cosine_IsZero_ForUnrelatedOrEmptyTexts()
    {
        Assert.Equal(0, TextFingerprint.Of("路灯不亮").Cosine(TextFingerprint.Of("垃圾满溢")));
        Assert.Equal(0, TextFingerprint.Of("路灯不亮").Cosine(TextFingerprint.Of("")));
    }

    [Fact]
    public void Overlap_IsShareOfTheSmallerTextsBigrams()
    {
        // 井盖不见了 has 井盖 盖不 不见 见了; the long text contains 井盖 and 不见 and 见了 but not 盖不: 3/4.
        var terse = TextFingerprint.Of("井盖不见了");
        var verbose = TextFingerprint.Of("解放路12号的井盖昨晚不见了，晚上看不清很危险");

        Assert.Equal(0.75, terse.Overlap(verbose), 9);
    }

    [Fact]
    public void IncomingReport_RecomputesTheProfile_WhenTheTextIsChangedWithWith()
    {
        var report = new IncomingReport("B0101", "井盖缺失", 30.25, 120.15, DateTimeOffset.UnixEpoch, "解放路12号井盖不见了", "CitizenApp");
        var before = report.Fingerprint;

        var changed = report with { Text = "中山路88号路灯不亮" };

        Assert.Equal(1.0, changed.Fingerprint.Cosine(TextFingerprint.Of("中山路88号路灯不亮")), 9);
        Assert.Equal([88], changed.Fingerprint.HouseNumbers);
        Assert.Equal([12], before.HouseNumbers);
    }

    [Theory]
    [InlineData("解放路147号垃圾满溢", new[] { 147 })]
    [InlineData("巡查发现中山街１２号（阳光小区旁）和２０号", new[] { 12, 20 })]
    [InlineData("地铁2号线凤起路站出口", new int[0])]
    [InlineData("电话1381234567号码", new int[0])]
    [InlineData("门口井盖不见了", new int[0])]
    public void HouseNumbers_AreTheDigitsBeforeHao_ExceptMetroLines(string text, int[] expected)
    {
        Assert.Equal(expected, TextFingerprint.Of(text).HouseNumbers);
    }
}
