using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Attachments;
using Tongguan.Cases.CaseFile;
using Tongguan.Cases.CommandCentre;
using Tongguan.Cases.Dedup;
using Tongguan.Cases.Dispatch;
using Tongguan.Cases.Escalation;
using Tongguan.Cases.Forms;
using Tongguan.Cases.Inbox;
using Tongguan.Cases.Intake;
using Tongguan.Cases.Open311;
using Tongguan.Cases.ReferenceData;
using Tongguan.Cases.Reports;
using Tongguan.Cases.SlaApply;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Cases.Lifecycle;

/// <summary>The case module: intake, the case processes' handlers, the case projection, the case file, the inbox, task forms and attachments.</summary>
public static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddOptions<CaseOptions>()
            .BindConfiguration(CaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CaseOptions>, CaseOptionsValidator>());
        services.AddDedup();
        services.AddSingleton<IServiceTaskHandler, RouteCase>();
        services.AddSingleton<IServiceTaskHandler, AssignCase>();
        services.AddSingleton<IServiceTaskHandler, EscalateCase>();
        services.AddSingleton<IServiceTaskHandler, EscalationDecided>();
        foreach (var (name, step) in CaseStepHandler.Steps)
        {
            services.AddSingleton<IServiceTaskHandler>(sp => new CaseStepHandler(name, step, sp.GetRequiredService<IOptions<CaseOptions>>()));
        }

        services.TryAddEnumerable(ServiceDescriptor.Scoped<IWorkflowStepObserver, CaseProjection>());
        services.AddScoped<ReportIntake>();
        services.TryAddSingleton<IntakeRateLimiter>();
        services.AddScoped<InboxQuery>();
        services.AddForms();
        services.AddAttachments();
        services.AddOpen311();
        services.AddSlaReports();
        services.AddSlaApply();
        services.AddCommandCentre();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapIntakeApi();
        endpoints.MapCaseFileApi();
        endpoints.MapCommandCentre();
        endpoints.MapReopenCase();
        endpoints.MapInboxApi();
        endpoints.MapFormsApi();
        endpoints.MapOpen311();
        endpoints.MapSlaReportsApi();
        endpoints.MapSlaApply();
        return endpoints;
    }
}

/// <summary>The intake unit must exist and have intake agents, else every review and callback task would go unseen.</summary>
internal sealed class CaseOptionsValidator(ReferenceDataSnapshot data) : IValidateOptions<CaseOptions>
{
    public ValidateOptionsResult Validate(string? name, CaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (data.FindOrgUnit(options.IntakeUnitId) is null)
        {
            return ValidateOptionsResult.Fail($"{CaseOptions.SectionName}:IntakeUnitId '{options.IntakeUnitId}' is not an org unit of the reference data.");
        }

        return data.UsersIn(new CandidateGroup(Roles.IntakeAgent, options.IntakeUnitId)).Count == 0
            ? ValidateOptionsResult.Fail($"{CaseOptions.SectionName}:IntakeUnitId '{options.IntakeUnitId}' has no user with the role {Roles.IntakeAgent}.")
            : ValidateOptionsResult.Success;
    }
}
