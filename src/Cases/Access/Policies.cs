using Microsoft.AspNetCore.Authorization;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Access;

/// <summary>
/// The named authorisation policies every endpoint is mapped with (<c>.RequireAuthorization(Policies.X)</c>); each is
/// a set of reference data roles. The org scope (which unit's cases and tasks) is checked inside the handlers.
/// docs/operators/security.md lists which role may do what.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user of the reference data.</summary>
    public const string Staff = "staff";

    /// <summary>Files reports (<c>POST /api/reports</c>): intake agents and dispatchers, and grid workers (officers, verifiers) reporting what they find.</summary>
    public const string Reporting = "reporting";

    /// <summary>Reopens closed cases: intake agents and dispatchers (the citizen calls back).</summary>
    public const string Intake = "intake";

    /// <summary>The command centre's dispatch queue (web page): dispatchers.</summary>
    public const string Dispatch = "dispatch";

    /// <summary>Works on tasks in the inbox: every role that is given tasks (officers, verifiers, intake agents, dispatchers).</summary>
    public const string CaseWork = "case-work";

    /// <summary>Reads cases (scoped to the caller's org subtree): every role except designers.</summary>
    public const string CaseRead = "case-read";

    /// <summary>Asks for deadline extensions and suspensions by deadline id, and resumes them: whoever works on tasks, and the engine's users.</summary>
    public const string DeadlineRequests = "deadline-requests";

    /// <summary>Decides on deadline extensions and suspensions: dispatchers and admins.</summary>
    public const string DeadlineDecisions = "deadline-decisions";

    /// <summary>Performance reports and SLA mining: auditors, dispatchers, admins.</summary>
    public const string Reports = "reports";

    /// <summary>Process definitions and the record of their time-limit changes: designers and admins.</summary>
    public const string Design = Tongguan.Designer.Definitions.DefinitionsApi.Policy;

    /// <summary>Applies an SLA recommendation as a new process version: designers only (the handler checks the same).</summary>
    public const string ApplySla = "apply-sla";

    /// <summary>The engine's raw APIs (instances, tasks, messages, incidents): admins and designers.</summary>
    public const string Engine = "engine";

    /// <summary>System administration (api keys, job dashboard): admins.</summary>
    public const string Admin = "admin";

    /// <summary>Reads and verifies the audit trail: auditors and admins.</summary>
    public const string Audit = "audit";

    /// <summary>The roles each policy admits; the matrix test reads the same table.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Staff] = Roles.All,
        [Reporting] = [Roles.IntakeAgent, Roles.Dispatcher, Roles.Officer, Roles.Verifier],
        [Intake] = [Roles.IntakeAgent, Roles.Dispatcher],
        [Dispatch] = [Roles.Dispatcher],
        [CaseWork] = [Roles.Officer, Roles.Verifier, Roles.IntakeAgent, Roles.Dispatcher],
        [CaseRead] = [Roles.IntakeAgent, Roles.Dispatcher, Roles.Officer, Roles.Verifier, Roles.Auditor, Roles.Admin],
        [DeadlineRequests] = [Roles.Officer, Roles.Verifier, Roles.IntakeAgent, Roles.Dispatcher, Roles.Designer, Roles.Admin],
        [DeadlineDecisions] = [Roles.Dispatcher, Roles.Admin],
        [Reports] = [Roles.Auditor, Roles.Dispatcher, Roles.Admin],
        [Design] = [Roles.Designer, Roles.Admin],
        [ApplySla] = [Roles.Designer],
        [Engine] = [Roles.Admin, Roles.Designer],
        [Admin] = [Roles.Admin],
        [Audit] = [Roles.Auditor, Roles.Admin],
    };

    internal static void Add(AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesOf)
        {
            options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        // An endpoint mapped without a rule would be open to anyone signed in; the matrix test forbids that, and
        // this makes a forgotten rule fail closed in production too.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
