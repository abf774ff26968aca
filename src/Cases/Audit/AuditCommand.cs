using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Persistence;

namespace Tongguan.Cases.Audit;

/// <summary>
/// <c>audit verify [--Tongguan:Database:Provider=… --Tongguan:Database:ConnectionString=…]</c>: seals what is committed
/// (unless <c>--no-seal</c>) and recomputes the hash chain of the configured database. Exit code 0 intact, 1 broken
/// (the first broken sequence is printed), 2 usage error or database unreachable.
/// </summary>
public static class AuditCommand
{
    public const int ExitIntact = 0;
    public const int ExitBroken = 1;
    public const int ExitUsage = 2;

    public const string Usage = """
        Usage: Tongguan.Cases audit verify [--no-seal] [--Tongguan:Section:Key=value ...]
          Chains the entries committed since the last seal (unless --no-seal), then recomputes the audit trail's hash
          chain in the configured database (Tongguan:Database:*) from its first entry.
          Exit code: 0 intact, 1 broken (prints "BROKEN at sequence N: ..."), 2 usage error or database unreachable.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is ["-h" or "--help"])
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitIntact;
        }

        if (args is not ["verify", ..] || args.Skip(1).Any(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--no-seal" && !a.Contains(':', StringComparison.Ordinal)))
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitUsage;
        }

        var seal = !args.Contains("--no-seal");
        var hostArgs = args.Skip(1).Where(a => a != "--no-seal").ToArray();
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddTongguanDatabase();
            builder.Services.AddAudit();
            var app = builder.Build();
            await using (app.ConfigureAwait(false))
            {
                if (seal)
                {
                    await app.Services.GetRequiredService<AuditSealer>().SealAsync(cancellationToken).ConfigureAwait(false);
                }

                var scope = app.Services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
                    var result = await AuditVerifier.VerifyAsync(db, cancellationToken).ConfigureAwait(false);
                    if (result.Intact)
                    {
                        await output.WriteLineAsync(string.Create(
                            CultureInfo.InvariantCulture,
                            $"INTACT: {result.Sealed} sealed entries verified, {result.Unsealed} not sealed yet; head hash {result.HeadHash}")).ConfigureAwait(false);
                        return ExitIntact;
                    }

                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"BROKEN at sequence {result.FirstBrokenSequence}: {result.Problem} ({result.Sealed} entries before it verified)")).ConfigureAwait(false);
                    return ExitBroken;
                }
            }
        }
        catch (Exception ex) when (ex is OptionsValidationException or DbException or InvalidOperationException or DbUpdateException)
        {
            await error.WriteLineAsync($"audit: failed: {ex.Message}").ConfigureAwait(false);
            return ExitUsage;
        }
    }
}
