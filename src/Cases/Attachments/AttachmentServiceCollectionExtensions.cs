using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Attachments;

public static class AttachmentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AttachmentStore"/> as a singleton with <see cref="AttachmentOptions"/> bound from
    /// <see cref="AttachmentOptions.SectionName"/> and validated when the host starts; the folder is resolved against
    /// the host's content root, and the request body limits (<see cref="RequestBodyOptions"/>). Uses the registered <see cref="TimeProvider"/>, else the system clock.
    /// </summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, Action<AttachmentOptions>? configure = null)
    {
        var options = services.AddOptions<AttachmentOptions>()
            .Configure<IConfiguration>(BindReplacingAllowedTypes)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Request bodies: Kestrel turns away anything larger than Tongguan:Requests:MaxBodyBytes unless the endpoint is
        // marked AcceptsUploads(); multipart forms may be as large as one upload.
        services.AddOptions<RequestBodyOptions>().BindConfiguration(RequestBodyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestBodyOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<AttachmentOptions>, IOptions<RequestBodyOptions>>(
            (form, attachments, limits) => form.MultipartBodyLengthLimit = attachments.Value.MaxBytes + limits.Value.UploadOverheadBytes);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AttachmentHostPaths(
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory,
            sp.GetService<IWebHostEnvironment>()?.WebRootPath));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AttachmentOptions>, AttachmentOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<AttachmentOptions>>().Value;
            return new AttachmentStore(
                settings,
                settings.ResolveFolder(sp.GetRequiredService<AttachmentHostPaths>().ContentRoot),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<AttachmentStore>>());
        });
        return services;
    }

    // The configuration binder appends to a list that already holds items, so a configured AllowedTypes would
    // silently keep every default type; a configured list replaces them instead.
    private static void BindReplacingAllowedTypes(AttachmentOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(AttachmentOptions.SectionName);
        if (section.GetSection(nameof(AttachmentOptions.AllowedTypes)).GetChildren().Any())
        {
            options.AllowedTypes.Clear();
        }

        section.Bind(options);
    }
}
