using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.EntityFrameworkCore;

namespace Tongguan.Cases.Persistence;

/// <summary>
/// The host's one database: the engine's tables, the deadlines and the case tables, so that the
/// transaction that changes a case also carries the workflow state and its deadlines, and the sign-in accounts
/// (ASP.NET Core Identity's user tables, without its role tables: roles come from the reference data). Each provider has a subclass
/// so that it owns its migrations (db/Sqlite, db/PostgreSql, db/SqlServer).
/// </summary>
public abstract class TongguanDbContext : IdentityUserContext<TongguanUser>
{
    protected TongguanDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        var modelBuilder = builder;
        modelBuilder.ApplyWorkflowModel(Database.ProviderName);
        modelBuilder.ApplySlaModel(Database.ProviderName);
        modelBuilder.ApplyCaseModel(Database.ProviderName);
        modelBuilder.ApplyAccountModel();
    }
}

public sealed class SqliteTongguanDbContext(DbContextOptions<SqliteTongguanDbContext> options) : TongguanDbContext(options);

public sealed class PostgreSqlTongguanDbContext(DbContextOptions<PostgreSqlTongguanDbContext> options) : TongguanDbContext(options);

public sealed class SqlServerTongguanDbContext(DbContextOptions<SqlServerTongguanDbContext> options) : TongguanDbContext(options);
