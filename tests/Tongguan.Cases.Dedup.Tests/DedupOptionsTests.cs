using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Dedup.Tests;

public sealed class DedupOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        new DedupOptions().EnsureValid();
        Assert.True(new DedupOptions().SuggestThreshold < new DedupOptions().AutoMergeThreshold);
    }

    [Fact]
    public void EnsureValid_Rejects_SuggestThresholdAboveAutoMerge()
    {
        var error = Assert.Throws<ValidationException>(() => new DedupOptions { SuggestThreshold = 0.9, AutoMergeThreshold = 0.8 }.EnsureValid());

        Assert.Contains("SuggestThreshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureValid_Rejects_AllWeightsZero()
    {
        var options = new DedupOptions { DistanceWeight = 0, TimeWeight = 0, CategoryWeight = 0, TextWeight = 0, AddressWeight = 0 };

        Assert.Throws<ValidationException>(options.EnsureValid);
    }

    [Fact]
    public void EnsureValid_Rejects_NonPositiveWindowAndOutOfRangeRadius()
    {
        Assert.Throws<ValidationException>(new DedupOptions { TimeWindow = TimeSpan.Zero }.EnsureValid);
        Assert.Throws<ValidationException>(new DedupOptions { RadiusMetres = 1 }.EnsureValid);
    }

    [Fact]
    public void Detector_RefusesInvalidOptions()
    {
        Assert.Throws<ValidationException>(() => new DuplicateDetector(new DedupOptions { SuggestThreshold = 0 }));
    }

    [Fact]
    public void AddDedup_BindsTheSectionAndValidates()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tongguan:Dedup:RadiusMetres"] = "150", ["Tongguan:Dedup:TimeWindow"] = "2.00:00:00" })
            .Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddDedup().BuildServiceProvider();

        var detector = provider.GetRequiredService<DuplicateDetector>();

        Assert.Equal(150, detector.Options.RadiusMetres);
        Assert.Equal(TimeSpan.FromDays(2), detector.Options.TimeWindow);
    }

    [Fact]
    public void AddDedup_FailsOnInvalidConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tongguan:Dedup:SuggestThreshold"] = "0.95" })
            .Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddDedup().BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DedupOptions>>().Value);
    }
}
