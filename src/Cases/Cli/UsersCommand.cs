using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Access;
using Tongguan.Cases.Hosting;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Cli;

/// <summary>
/// <c>users set-password ID</c>: sets the password of a reference data user's account, read from standard input, and
/// lifts a lockout. Creates the account when the user exists in the reference data but has no account yet (e.g. before
/// the first start in production, where no initial password is configured). Exit code 0 done, 1 failed, 2 usage error.
/// </summary>
public static class UsersCommand
{
    public const int ExitDone = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public const string Usage = """
        Usage: Tongguan.Cases users set-password ID [--Tongguan:Section:Key=value ...]
          Reads the new password from standard input (first line) and sets it for the account of reference data user ID
          in the configured database (Tongguan:Database:*); clears a lockout. The password rules of Tongguan:Auth apply.
          Exit code: 0 done, 1 failed (unknown user, password refused, database unreachable), 2 usage error.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not ["set-password", var id, .. var hostArgs] || id.StartsWith('-'))
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitUsage;
        }

        var password = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("users: no password on standard input.").ConfigureAwait(false);
            return ExitUsage;
        }

        try
        {
            var problem = await SetPasswordAsync(id, password, hostArgs, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                await error.WriteLineAsync($"users: {problem}").ConfigureAwait(false);
                return ExitFailed;
            }

            await output.WriteLineAsync($"Password of {id} set.").ConfigureAwait(false);
            return ExitDone;
        }
        catch (Exception ex) when (ex is OptionsValidationException or DbException or DbUpdateException or InvalidOperationException or IOException)
        {
            await error.WriteLineAsync($"users: failed: {ex.Message}").ConfigureAwait(false);
            return ExitFailed;
        }
    }

    /// <summary>Sets the password on the host configured by <paramref name="hostArgs"/>; null when done, else why not.</summary>
    internal static async Task<string?> SetPasswordAsync(string id, string password, string[] hostArgs, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(hostArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddTongguan();
        var app = builder.Build();
        await using (app.ConfigureAwait(false))
        {
            var scope = app.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var services = scope.ServiceProvider;
                var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                var db = services.GetRequiredService<TongguanDbContext>();
                if (database.MigrateOnStart)
                {
                    await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                }

                var person = services.GetRequiredService<ReferenceDataSnapshot>().FindUser(id);
                if (person is null)
                {
                    return $"'{id}' is not a user of the reference data.";
                }

                var users = services.GetRequiredService<UserManager<TongguanUser>>();
                var account = await users.FindByNameAsync(id).ConfigureAwait(false);
                if (account is null)
                {
                    account = new TongguanUser { UserName = person.Id, DisplayName = person.Name, OrgUnitId = person.OrgUnitId, LockoutEnabled = true };
                    return Describe(await users.CreateAsync(account, password).ConfigureAwait(false));
                }

                foreach (var validator in users.PasswordValidators)
                {
                    if (Describe(await validator.ValidateAsync(users, account, password).ConfigureAwait(false)) is { } refused)
                    {
                        return refused;
                    }
                }

                // Validated above, so removing the old password cannot leave the account without one.
                if (await users.HasPasswordAsync(account).ConfigureAwait(false) &&
                    Describe(await users.RemovePasswordAsync(account).ConfigureAwait(false)) is { } removeFailed)
                {
                    return removeFailed;
                }

                return Describe(await users.AddPasswordAsync(account, password).ConfigureAwait(false))
                    ?? Describe(await users.SetLockoutEndDateAsync(account, null).ConfigureAwait(false))
                    ?? Describe(await users.ResetAccessFailedCountAsync(account).ConfigureAwait(false));
            }
        }
    }

    private static string? Describe(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
}
