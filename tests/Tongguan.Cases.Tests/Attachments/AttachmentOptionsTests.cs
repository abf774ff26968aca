using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Cases.Attachments;

namespace Tongguan.Cases.Tests.Attachments;

public sealed class AttachmentOptionsTests : IDisposable
{
    private readonly TempAttachmentFolder _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public void Defaults_AreValid_AndMatchTheDocumentedLimits()
    {
        var options = new AttachmentOptions();

        Assert.True(Validate(options).Succeeded);
        Assert.Equal("data/attachments", options.Folder);
        Assert.Equal(10 * 1024 * 1024, options.MaxBytes);
        Assert.Equal(["image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "image/heif", "application/pdf"], options.AllowedTypes);
    }

    [Theory]
    [InlineData(1023)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((100 * 1024 * 1024) + 1)]
    public void Validate_RefusesAMaxBytesOutsideTheRange(long maxBytes)
    {
        var result = Validate(new AttachmentOptions { MaxBytes = maxBytes });

        Assert.Equal(
            $"Tongguan:Attachments:MaxBytes is {maxBytes}; it must be between 1024 (1 KiB) and 104857600 (100 MiB).",
            Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(100 * 1024 * 1024)]
    public void Validate_AcceptsTheEndsOfTheMaxBytesRange(long maxBytes)
    {
        Assert.True(Validate(new AttachmentOptions { MaxBytes = maxBytes }).Succeeded);
    }

    [Fact]
    public void Validate_RefusesATypeThatCannotBeRecognisedFromItsContent()
    {
        var options = new AttachmentOptions();
        options.AllowedTypes.Add("image/svg+xml");

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.StartsWith("Tongguan:Attachments:AllowedTypes: 'image/svg+xml' is not supported;", failure, StringComparison.Ordinal);
        Assert.EndsWith("image/jpeg, image/png, image/webp, image/gif, image/heic, image/heif, application/pdf.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesAnEmptyTypeList()
    {
        var options = new AttachmentOptions();
        options.AllowedTypes.Clear();

        Assert.StartsWith("Tongguan:Attachments:AllowedTypes is empty;", Assert.Single(Validate(options).Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wwwroot")]
    [InlineData("wwwroot/uploads")]
    [InlineData("WWWROOT/uploads")]
    [InlineData("data/../wwwroot/uploads")]
    public void Validate_RefusesAFolderInsideTheDefaultWebRoot(string folder)
    {
        var failure = Assert.Single(Validate(new AttachmentOptions { Folder = folder }).Failures!);

        Assert.StartsWith("Tongguan:Attachments:Folder '", failure, StringComparison.Ordinal);
        Assert.Contains($"is inside the web root '{Path.Combine(_contentRoot.Root, "wwwroot")}'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesAFolderInsideAConfiguredWebRoot_ButNotBesideIt()
    {
        var paths = new AttachmentHostPaths(_contentRoot.Root, Path.Combine(_contentRoot.Root, "public"));
        var validator = new AttachmentOptionsValidator(paths);

        Assert.True(validator.Validate(null, new AttachmentOptions { Folder = "public/files" }).Failed);
        Assert.True(validator.Validate(null, new AttachmentOptions { Folder = "public-files" }).Succeeded);
        Assert.True(validator.Validate(null, new AttachmentOptions { Folder = "wwwroot-uploads" }).Succeeded);
    }

    [Fact]
    public void Validate_RefusesAnEmptyFolder_AndReportsEveryProblemAtOnce()
    {
        var result = Validate(new AttachmentOptions { Folder = " ", MaxBytes = 0 });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains("Tongguan:Attachments:Folder is empty; set a folder outside the web root, e.g. data/attachments.", result.Failures!);
    }

    [Fact]
    public async Task AddAttachments_BindsTheSection_ResolvesTheFolderAgainstTheContentRoot_AndReplacesTheDefaultTypes()
    {
        using var host = BuildHost(new()
        {
            ["Tongguan:Attachments:Folder"] = "uploads",
            ["Tongguan:Attachments:MaxBytes"] = "2048",
            ["Tongguan:Attachments:AllowedTypes:0"] = "image/png",
        });
        await host.StartAsync();

        var store = host.Services.GetRequiredService<AttachmentStore>();
        var options = host.Services.GetRequiredService<IOptions<AttachmentOptions>>().Value;

        Assert.Same(store, host.Services.GetRequiredService<AttachmentStore>());
        Assert.Equal(Path.Combine(_contentRoot.Root, "uploads"), store.Folder);
        Assert.Equal(2048, options.MaxBytes);
        Assert.Equal(["image/png"], options.AllowedTypes);
        var stored = await store.SaveAsync(new MemoryStream(AttachmentSamples.Png), "a.png", CancellationToken.None);
        Assert.Equal("2025/06/", stored.StorageKey[..8]);
        await host.StopAsync();
    }

    [Fact]
    public async Task AddAttachments_StopsStartUp_WhenTheFolderIsInsideTheWebRoot()
    {
        using var host = BuildHost(new() { ["Tongguan:Attachments:Folder"] = "wwwroot/attachments" });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Tongguan:Attachments:Folder", exception.Message, StringComparison.Ordinal);
        Assert.Contains("is inside the web root", exception.Message, StringComparison.Ordinal);
    }

    private ValidateOptionsResult Validate(AttachmentOptions options) =>
        new AttachmentOptionsValidator(new AttachmentHostPaths(_contentRoot.Root)).Validate(null, options);

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.Root });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 0, 0, 0, TimeSpan.Zero)));
        builder.Services.AddAttachments();
        return builder.Build();
    }
}
