using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tongguan.Cases.Hosting;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>Which database failures the host answers with 503 + Retry-After (transient) and which stay errors.</summary>
public sealed class DatabaseUnavailableHandlerTests
{
    public static TheoryData<string, bool> Failures() => new()
    {
        { "admin shutdown (57P01)", true },
        { "cannot connect now (57P03)", true },
        { "too many connections (53300)", true },
        { "connection failure (08006)", true },
        { "broken socket", true },
        { "broken socket under SaveChanges", true },
        { "timeout", true },
        { "unique violation (23505)", false },
        { "invalid operation", false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsTransient_HoldsOnlyForAnUnavailableDatabase(string failure, bool transient)
    {
        Exception exception = failure switch
        {
            "admin shutdown (57P01)" => Postgres("57P01"),
            "cannot connect now (57P03)" => Postgres("57P03"),
            "too many connections (53300)" => Postgres("53300"),
            "connection failure (08006)" => Postgres("08006"),
            "broken socket" => new NpgsqlException("Exception while reading from stream", new SocketException((int)SocketError.ConnectionReset)),
            "broken socket under SaveChanges" => new DbUpdateException("An error occurred while saving.", new NpgsqlException("Exception while writing to stream", new IOException("reset"))),
            "timeout" => new NpgsqlException("The operation has timed out", new TimeoutException()),
            "unique violation (23505)" => new DbUpdateException("An error occurred while saving.", Postgres("23505")),
            _ => new InvalidOperationException("A bug."),
        };

        Assert.Equal(transient, DatabaseUnavailableHandler.IsTransient(exception));
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
