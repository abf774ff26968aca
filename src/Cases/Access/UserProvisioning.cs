using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Access;

/// <summary>
/// Makes the accounts match the reference data users when the host starts: creates missing ones (with
/// <c>Tongguan:Auth:InitialPassword</c>), refreshes names and org units, locks accounts whose user left org.json and
/// unlocks those who came back. Refuses to start when no account exists and no initial password is configured, since
/// nobody could sign in. Runs after the database migrator; safe when several nodes start at once.
/// </summary>
internal sealed partial class UserProvisioning(
    IServiceScopeFactory scopeFactory,
    ReferenceDataSnapshot data,
    IOptions<AuthOptions> options,
    ILogger<UserProvisioning> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TongguanUser>>();
            var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
            await ProvisionAsync(users, db, data, options.Value.InitialPassword, logger, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static async Task ProvisionAsync(
        UserManager<TongguanUser> users,
        TongguanDbContext db,
        ReferenceDataSnapshot data,
        string? initialPassword,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var existing = await users.Users.ToDictionaryAsync(u => u.UserName!, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0 && string.IsNullOrEmpty(initialPassword))
        {
            throw new InvalidOperationException(
                $"No user account exists yet and {AuthOptions.SectionName}:InitialPassword is not set, so nobody could sign in. " +
                "Set it for the first start (docs/operators/security.md).");
        }

        int created = 0, updated = 0;
        foreach (var person in data.Users)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (existing.Remove(person.Id, out var account))
            {
                if (await RefreshAsync(users, account, person).ConfigureAwait(false))
                {
                    updated++;
                }

                continue;
            }

            if (await CreateAsync(users, db, person, initialPassword, logger).ConfigureAwait(false))
            {
                created++;
            }
        }

        // Whoever is left has no reference data user any more: no roles, and no sign-in either.
        foreach (var gone in existing.Values.Where(u => u.LockoutEnd != DateTimeOffset.MaxValue))
        {
            gone.LockoutEnabled = true;
            gone.LockoutEnd = DateTimeOffset.MaxValue;
            await users.UpdateAsync(gone).ConfigureAwait(false);
            LogLockedOut(logger, gone.UserName!);
        }

        LogProvisioned(logger, data.Users.Count, created, updated);
    }

    private static async Task<bool> RefreshAsync(UserManager<TongguanUser> users, TongguanUser account, User person)
    {
        var returned = account.LockoutEnd == DateTimeOffset.MaxValue;
        if (account.DisplayName == person.Name && account.OrgUnitId == person.OrgUnitId && !returned)
        {
            return false;
        }

        account.DisplayName = person.Name;
        account.OrgUnitId = person.OrgUnitId;
        if (returned)
        {
            account.LockoutEnd = null;
        }

        // A concurrency failure means another node refreshed the same row at the same start: nothing is lost.
        var result = await users.UpdateAsync(account).ConfigureAwait(false);
        return result.Succeeded;
    }

    private static async Task<bool> CreateAsync(UserManager<TongguanUser> users, TongguanDbContext db, User person, string? initialPassword, ILogger logger)
    {
        var account = new TongguanUser { UserName = person.Id, DisplayName = person.Name, OrgUnitId = person.OrgUnitId, LockoutEnabled = true };
        try
        {
            var result = string.IsNullOrEmpty(initialPassword)
                ? await users.CreateAsync(account).ConfigureAwait(false)
                : await users.CreateAsync(account, initialPassword).ConfigureAwait(false);
            if (result.Succeeded)
            {
                if (string.IsNullOrEmpty(initialPassword))
                {
                    LogWithoutPassword(logger, person.Id);
                }

                return true;
            }

            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return false;
            }

            throw new InvalidOperationException(
                $"Cannot create the account of reference data user '{person.Id}': {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        catch (DbUpdateException)
        {
            // Another node created the same account between our read and our insert (unique user name); forget the
            // failed insert so that the next account's save does not repeat it.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accounts match the {Users} reference data users ({Created} created, {Updated} updated)")]
    private static partial void LogProvisioned(ILogger logger, int users, int created, int updated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {UserName} was created without a password (no initial password configured); set one with `users set-password`")]
    private static partial void LogWithoutPassword(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {UserName} is locked: its user is no longer in the reference data")]
    private static partial void LogLockedOut(ILogger logger, string userName);
}
