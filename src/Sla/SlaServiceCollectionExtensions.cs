using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.Deadlines.Adjustments;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Sla;

public static class SlaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the business calendar (singleton, loaded once from the calendar files and
    /// <see cref="BusinessCalendarOptions"/>, bound from <see cref="BusinessCalendarOptions.SectionName"/> and
    /// validated at start) and the <see cref="TimeLimitCalculator"/>.
    /// </summary>
    public static IServiceCollection AddSla(this IServiceCollection services, Action<BusinessCalendarOptions>? configure = null)
    {
        var options = services.AddOptions<BusinessCalendarOptions>()
            .BindConfiguration(BusinessCalendarOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusinessCalendarOptions>, BusinessCalendarOptionsValidator>());
        services.TryAddSingleton(sp => CreateCalendar(
            sp.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value,
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.TryAddSingleton(sp => new TimeLimitCalculator(
            sp.GetRequiredService<BusinessCalendar>(),
            sp.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value.WarningShare));
        return services;
    }

    /// <summary>
    /// Records a <see cref="DeadlineRecord"/> for every user task with a time limit, on <typeparamref name="TContext"/>
    /// (the context the engine's store uses, whose <c>OnModelCreating</c> must call
    /// <see cref="DeadlineModelBuilderExtensions.ApplySlaModel"/>), in the engine's own transaction; and
    /// <see cref="IDeadlineQueries"/> to read them, and the <see cref="IDeadlineSweep"/> that fires them (woken by the
    /// scheduler <c>AddDeadlineScheduling</c> registers). Call <see cref="AddSla"/> as well (the calendar).
    /// </summary>
    public static IServiceCollection AddSlaDeadlines<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IWorkflowStepObserver, DeadlineStepObserver<TContext>>());
        services.TryAddScoped<IDeadlineQueries, DeadlineQueries<TContext>>();
        services.TryAddSingleton<ITimeLimitPolicy, DesignedTimeLimits>();
        services.TryAddScoped<IDeadlineSweep, DeadlineSweep<TContext>>();
        services.TryAddScoped<IDeadlineAdjustments, DeadlineAdjustments<TContext>>();
        services.TryAddSingleton<DeadlineWakeUps>();
        return services;
    }

    internal static BusinessCalendar CreateCalendar(BusinessCalendarOptions options, string contentRoot)
    {
        var folder = options.CalendarsFolder is { } configured
            ? Path.GetFullPath(configured, contentRoot)
            : FindRepositoryCalendars(contentRoot)
                ?? throw new InvalidOperationException(
                    $"No definitions/calendars folder found above '{contentRoot}'; set {BusinessCalendarOptions.SectionName}:CalendarsFolder.");
        return new BusinessCalendar(
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone),
            options.ParseWorkingHours(),
            CalendarFiles.LoadFolder(folder),
            options.EffectiveWeekend());
    }

    private static string? FindRepositoryCalendars(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "definitions", "calendars");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Tongguan.slnx")))
            {
                return candidate;
            }
        }

        return null;
    }
}
