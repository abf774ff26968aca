using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Forms;

namespace Tongguan.Cases.Tests.Forms;

public sealed class FormsRegistrationTests
{
    [Fact]
    public void ResolveFolder_DefaultsToTheRepositoryDefinitionsForms()
    {
        var folder = new FormsOptions().ResolveFolder(AppContext.BaseDirectory);

        Assert.NotNull(folder);
        Assert.EndsWith(Path.Combine("definitions", "forms"), folder, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "accept.json")));
    }

    [Fact]
    public void ResolveFolder_ResolvesARelativeFolderAgainstTheContentRoot()
    {
        var folder = new FormsOptions { Folder = "my-forms" }.ResolveFolder("/srv/tongguan");

        Assert.Equal(Path.GetFullPath("/srv/tongguan/my-forms"), folder);
    }

    [Fact]
    public void AddForms_LoadsTheConfiguredFolder_Once()
    {
        using var provider = Build(ShippedForms.Folder);

        var catalog = provider.GetRequiredService<FormCatalog>();

        Assert.Same(catalog, provider.GetRequiredService<FormCatalog>());
        Assert.Equal(Path.GetFullPath(ShippedForms.Folder), catalog.Source);
        Assert.NotNull(catalog.Find("dispatch"));
        Assert.Null(catalog.Find("Dispatch"));
    }

    [Fact]
    public void AddForms_FailsValidation_ForAFolderThatDoesNotExist()
    {
        using var provider = Build("/no/such/forms");

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FormsOptions>>().Value);

        Assert.Contains("/no/such/forms", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_Fails_WithTheProblems_WhenAFormIsBroken()
    {
        using var folder = new TempFormFolder().WriteForm("broken", TempFormFolder.Field("when", "datetime"));
        using var provider = Build(folder.Path);
        var startup = provider.GetServices<IHostedService>().OfType<FormsStartup>().Single();

        var exception = await Assert.ThrowsAsync<FormDefinitionException>(() => startup.StartAsync(CancellationToken.None));

        Assert.Contains("broken.json $.fields[0].type", exception.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string folder)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{FormsOptions.SectionName}:Folder"] = folder })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddForms();
        return services.BuildServiceProvider();
    }
}
