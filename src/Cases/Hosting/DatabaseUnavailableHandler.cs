using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tongguan.Cases.Hosting;

/// <summary>
/// The database is restarting, unreachable or out of connections: a 503 problem with Retry-After, not a 500. Nothing
/// was acknowledged (the transaction did not commit), so the caller may simply try again — and with an
/// Idempotency-Key a repeated report is never filed twice. Data errors (constraint violations, bad SQL) are not
/// transient and stay what they are.
/// </summary>
internal sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait: a fast restart of PostgreSQL takes a few.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = "Nothing was changed. Try again in a few seconds.",
            },
        }).ConfigureAwait(false);
    }

    /// <summary>True when anything in the exception chain says the database could not be reached or is shutting down.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections,
                // class 08 connection exceptions.
                case PostgresException p when p.SqlState is "57P01" or "57P02" or "57P03" or "53300" || p.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException n when n.IsTransient:
                    return true;
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    // SQLITE_BUSY, SQLITE_LOCKED: another writer held the file longer than the busy timeout.
                    return true;
                case SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable ({Error}); answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
