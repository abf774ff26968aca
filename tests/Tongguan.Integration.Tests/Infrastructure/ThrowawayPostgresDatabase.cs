using Npgsql;

namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database of its own on the PostgreSQL server named by <c>TONGGUAN_TEST_POSTGRES</c> (a superuser
/// connection string to a throw-away server), dropped afterwards. Without the variable the tests fail: PostgreSQL is
/// the production database and is never skipped silently.
/// </summary>
public sealed class ThrowawayPostgresDatabase(string prefix)
{
    public const string VariableName = "TONGGUAN_TEST_POSTGRES";

    private readonly string _name = prefix + Guid.NewGuid().ToString("N");
    private string? _server;

    /// <summary>The connection string of the database; valid once <see cref="CreateAsync"/> has run.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ToString();

    private string Server => _server ??=
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {VariableName} is not set. Set it to a superuser connection string of a throw-away " +
                "PostgreSQL server, e.g. Host=127.0.0.1;Port=55432;Username=postgres, or run the tests with `bash scripts/test.sh`, which starts one.");

    public async Task<string> CreateAsync()
    {
        await ExecuteAsync($"CREATE DATABASE \"{_name}\"");
        return ConnectionString;
    }

    public async Task DropAsync()
    {
        if (_server is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        // FORCE ends the database's sessions but waits only 5 s for them to go; a loaded CI machine can take longer
        // ("database is being accessed by other users", 55006), so the drop is tried again a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
