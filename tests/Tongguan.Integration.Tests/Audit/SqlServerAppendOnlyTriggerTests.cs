using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Tongguan.Cases.Audit;
using Tongguan.Cases.Persistence;

namespace Tongguan.Integration.Tests.Audit;

/// <summary>
/// What can be proved about the SQL Server append-only trigger without a SQL Server (none runs where these tests run):
/// the migration script EF Core generates from the model creates it right after <c>audit_entries</c>' CREATE TABLE, the
/// whole script parses as T-SQL, and the trigger fires after UPDATE and DELETE on <c>audit_entries</c>, THROWs, and looks
/// at every column. Which updates it actually lets through is NOT executed here; that needs a SQL Server.
/// </summary>
public sealed class SqlServerAppendOnlyTriggerTests
{
    public static TheoryData<bool> Idempotent => new() { false, true };

    [Theory]
    [MemberData(nameof(Idempotent))]
    public void GeneratedScript_ParsesAsTSql160_WithoutErrors(bool idempotent)
    {
        var script = Parse(GenerateScript(idempotent), out var errors);

        Assert.True(errors.Count == 0, Describe(errors));
        Assert.Contains(Commands(script), c => c is CreateTableStatement);
    }

    [Theory]
    [MemberData(nameof(Idempotent))]
    public void GeneratedScript_CreatesTheTrigger_InTheCommandRightAfterAuditEntriesCreateTable(bool idempotent)
    {
        var commands = Commands(Parse(GenerateScript(idempotent), out _));

        var createTable = commands.FindIndex(c => c is CreateTableStatement table && IsAuditTable(table.SchemaObjectName));
        Assert.True(createTable >= 0, "no CREATE TABLE audit_entries in the script");
        var exec = Assert.IsType<ExecuteStatement>(commands[createTable + 1]);
        var trigger = TriggerIn(exec);
        Assert.Equal(AppendOnlyTriggers.SqlServerTriggerName, trigger.Name.BaseIdentifier.Value);
        Assert.Single(commands, c => c is ExecuteStatement e && IsTrigger(e));
    }

    [Fact]
    public void Trigger_FiresAfterUpdateAndDelete_OnAuditEntries()
    {
        var trigger = GeneratedTrigger();

        Assert.True(IsAuditTable(trigger.TriggerObject.Name), "trigger is not on audit_entries");
        Assert.Equal(TriggerType.After, trigger.TriggerType);
        Assert.Equal(
            [TriggerActionType.Delete, TriggerActionType.Update],
            trigger.TriggerActions.Select(a => a.TriggerActionType).Order());
    }

    [Fact]
    public void Trigger_ThrowsAUserErrorNamingTheTable_ForDeleteAndForUpdate()
    {
        var throws = Find<ThrowStatement>(GeneratedTrigger());

        Assert.Equal(2, throws.Count);
        var messages = throws.Select(t => Assert.IsType<StringLiteral>(t.Message).Value).ToList();
        Assert.All(messages, m => Assert.StartsWith("audit_entries is append-only: ", m, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("DELETE refused", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("UPDATE refused", StringComparison.Ordinal));
        // THROW's error numbers must be at least 50000 (user errors).
        Assert.All(throws, t => Assert.True(int.Parse(Assert.IsType<IntegerLiteral>(t.ErrorNumber).Value, System.Globalization.CultureInfo.InvariantCulture) >= 50000));
    }

    [Fact]
    public void Trigger_ComparesEveryColumnOfTheAuditEntry_BetweenInsertedAndDeletedRows()
    {
        var trigger = GeneratedTrigger();
        using var db = CreateContext();
        var columns = db.Model.FindEntityType(typeof(AuditEntry))!.GetProperties().Select(p => p.GetColumnName()).ToList();

        var tables = Find<NamedTableReference>(trigger)
            .Select(t => (Table: t.SchemaObject.BaseIdentifier.Value, Alias: t.Alias?.Value))
            .ToList();
        Assert.Contains(("deleted", "d"), tables);
        Assert.Contains(("inserted", "i"), tables);
        var references = Find<ColumnReferenceExpression>(trigger)
            .Where(c => c.MultiPartIdentifier?.Identifiers.Count == 2)
            .Select(c => (Alias: c.MultiPartIdentifier.Identifiers[0].Value, Column: c.MultiPartIdentifier.Identifiers[1].Value))
            .ToHashSet();
        Assert.True(columns.Count >= 11, "the model lost audit_entries' columns");
        Assert.All(columns, column =>
        {
            Assert.Contains(("i", column), references);
            Assert.Contains(("d", column), references);
        });
    }

    private static string GenerateScript(bool idempotent)
    {
        using var db = CreateContext();
        return db.GetService<IMigrator>().GenerateScript(
            options: idempotent ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
    }

    /// <summary>Only generates SQL; nothing connects to the server named here.</summary>
    private static SqlServerTongguanDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SqlServerTongguanDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.SqlServer, "Server=127.0.0.1;Database=tongguan_script_only;TrustServerCertificate=true");
        return new SqlServerTongguanDbContext(options.Options);
    }

    private static CreateTriggerStatement GeneratedTrigger()
    {
        var exec = Commands(Parse(GenerateScript(idempotent: true), out _)).OfType<ExecuteStatement>().Single(IsTrigger);
        return TriggerIn(exec);
    }

    /// <summary>
    /// The statement EXEC runs, parsed as the batch of its own it is at run time; it must be the batch's only statement
    /// because T-SQL wants CREATE TRIGGER first in its batch.
    /// </summary>
    private static CreateTriggerStatement TriggerIn(ExecuteStatement exec)
    {
        var strings = Assert.IsType<ExecutableStringList>(exec.ExecuteSpecification.ExecutableEntity).Strings;
        var sql = string.Concat(strings.Select(s => Assert.IsType<StringLiteral>(s).Value));
        var batch = Assert.Single(Parse(sql, out var errors).Batches);
        Assert.True(errors.Count == 0, Describe(errors));
        return Assert.IsType<CreateTriggerStatement>(Assert.Single(batch.Statements));
    }

    private static bool IsTrigger(ExecuteStatement exec) =>
        exec.ExecuteSpecification.ExecutableEntity is ExecutableStringList list &&
        list.Strings.OfType<StringLiteral>().Any(s => Parse(s.Value, out _).Batches.SelectMany(b => b.Statements).Any(st => st is CreateTriggerStatement));

    private static bool IsAuditTable(SchemaObjectName name) =>
        string.Equals(name.BaseIdentifier.Value, "audit_entries", StringComparison.Ordinal);

    /// <summary>
    /// The script's commands in order: the statements of every batch, with an idempotent script's
    /// <c>IF NOT EXISTS (…) BEGIN … END</c> around each command unwrapped.
    /// </summary>
    private static List<TSqlStatement> Commands(TSqlScript script)
    {
        var commands = new List<TSqlStatement>();
        foreach (var statement in script.Batches.SelectMany(b => b.Statements))
        {
            if (statement is IfStatement { ThenStatement: BeginEndBlockStatement block, ElseStatement: null })
            {
                commands.AddRange(block.StatementList.Statements);
            }
            else
            {
                commands.Add(statement);
            }
        }

        return commands;
    }

    private static TSqlScript Parse(string sql, out IList<ParseError> errors)
    {
        using var reader = new StringReader(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out errors);
        // The parser gives up (null) on some errors; fail with them rather than with a null.
        Assert.True(fragment is TSqlScript, Describe(errors));
        return (TSqlScript)fragment;
    }

    private static List<T> Find<T>(TSqlFragment fragment)
        where T : TSqlFragment
    {
        var collector = new Collector<T>();
        fragment.Accept(collector);
        return collector.Found;
    }

    private static string Describe(IList<ParseError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"));

    private sealed class Collector<T> : TSqlFragmentVisitor
        where T : TSqlFragment
    {
        public List<T> Found { get; } = [];

        public override void Visit(TSqlFragment node)
        {
            if (node is T found)
            {
                Found.Add(found);
            }
        }
    }
}
