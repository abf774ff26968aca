using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

public sealed class ReferenceDataRegistrationTests
{
    [Fact]
    public void ResolveFolder_DefaultsToTheRepositoryDefinitionsReference()
    {
        var folder = new ReferenceDataOptions().ResolveFolder(AppContext.BaseDirectory);

        Assert.NotNull(folder);
        Assert.EndsWith(Path.Combine("definitions", "reference"), folder, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "org.json")));
    }

    [Fact]
    public void AddReferenceData_ReadsTheConfiguredFolder()
    {
        using var provider = Build(ShippedReferenceData.Folder);

        var data = provider.GetRequiredService<ReferenceDataSnapshot>();

        Assert.Same(data, provider.GetRequiredService<ReferenceDataSnapshot>());
        Assert.Equal(Path.GetFullPath(ShippedReferenceData.Folder), data.Source);
    }

    [Fact]
    public void AddReferenceData_FailsValidation_ForAFolderThatDoesNotExist()
    {
        using var provider = Build("/no/such/folder");

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ReferenceDataOptions>>().Value);

        Assert.Contains("/no/such/folder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_Fails_WithTheProblems_WhenTheDataIsBroken()
    {
        using var folder = new TempReferenceFolder().Edit("routing-rules.json", root => root["dispatcherUnit"] = "TG-nobody");
        using var provider = Build(folder.Path);
        var startup = provider.GetServices<IHostedService>().OfType<ReferenceDataStartup>().Single();

        var exception = await Assert.ThrowsAsync<ReferenceDataException>(() => startup.StartAsync(CancellationToken.None));

        Assert.Contains("routing-rules.json $.dispatcherUnit", exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string folder)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{ReferenceDataOptions.SectionName}:Folder"] = folder })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddReferenceData();
        return services.BuildServiceProvider();
    }
}
