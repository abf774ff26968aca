using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Tongguan.Cases.Persistence;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Mining.Kpis;
using Tongguan.Sla.Mining.Limits;
using Tongguan.Workflows.Model;

namespace Tongguan.Cases.Reports;

/// <summary>
/// The KPIs and the limit statistics computed by PostgreSQL, set-wise: GROUP BY with FILTER counters and
/// <c>percentile_cont … WITHIN GROUP</c>, so only aggregated rows come back instead of every case and step. The
/// definitions are those of the streaming path (<see cref="SlaRecords"/> feeding the mining of Tongguan.Sla), which
/// stays the path of SQLite and SQL Server; an integration test runs both on one PostgreSQL history.
/// <para>
/// Business time: the calendar is sent with the query as arrays, one entry per local date of the range the data covers
/// (working or not, and the working time before that day's midnight); the working time up to an instant is then that
/// day's running total plus the day's working periods up to the instant's local time of day, and a duration is the
/// difference of two such totals. No table and no write-time column: a calendar change (a new holiday file) applies
/// to the next report, as it does on the streaming path. Exact for zones without a clock change inside working hours.
/// </para>
/// </summary>
public sealed class SlaSetQueries(TongguanDbContext db, BusinessCalendar calendar)
{
    private const string Unknown = KpiGroup.Unknown;
    private const int CommandTimeoutSeconds = 600;

    /// <summary>True when the context runs on PostgreSQL, the one provider the set-based queries are written for.</summary>
    public bool Supported => db.Database.IsNpgsql();

    /// <summary>The KPIs of <paramref name="query"/>, one row per (group, period), as <see cref="KpiCalculator"/> gives them.</summary>
    public async Task<KpiReport> KpisAsync(KpiQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var filter = new StringBuilder();
            if (query.From is not null)
            {
                filter.Append(" AND c.\"ReportedAt\" >= @from");
            }

            if (query.To is not null)
            {
                filter.Append(" AND c.\"ReportedAt\" < @to");
            }

            var (first, last) = await RangeAsync(
                connection,
                $"SELECT min(c.\"ReportedAt\"), greatest(max(c.\"ReportedAt\"), max(c.\"ClosedAt\")) FROM cases c WHERE c.\"Status\" NOT IN ('Merged', 'Rejected'){filter}",
                query.From,
                query.To,
                cancellationToken).ConfigureAwait(false);
            if (first is null)
            {
                return new KpiReport(query, []);
            }

            var d = query.Dimensions;
            var groups = new[]
            {
                (Flag: KpiDimensions.OrgUnit, Sql: $"coalesce(c.unit, '{Unknown}')"),
                (Flag: KpiDimensions.District, Sql: $"coalesce(c.district, '{Unknown}')"),
                (Flag: KpiDimensions.Street, Sql: $"coalesce(c.street, '{Unknown}')"),
                (Flag: KpiDimensions.Category, Sql: "c.category"),
                (Flag: KpiDimensions.Channel, Sql: "c.channel"),
            };
            var select = string.Join(", ", groups.Select((g, i) => d.HasFlag(g.Flag) ? $"{g.Sql} COLLATE \"C\" AS g{i}" : $"NULL::text AS g{i}"));
            var groupBy = string.Join(", ", groups.Select((g, i) => d.HasFlag(g.Flag) ? $"g{i}" : null).Where(g => g is not null).Append("period"));
            var period = query.Period switch
            {
                PeriodKind.All => "NULL::date",
                PeriodKind.Day => "(c.reported AT TIME ZONE @tz)::date",
                PeriodKind.Week => "date_trunc('week', c.reported AT TIME ZONE @tz)::date",
                PeriodKind.Month => "date_trunc('month', c.reported AT TIME ZONE @tz)::date",
                _ => throw new ArgumentOutOfRangeException(nameof(query), query.Period, "Unknown period kind."),
            };

            // A case's response, its accept deadline and whether any of its deadlines was missed are three narrow look-ups:
            // task rows carry the business key (no join with the instances), and only the accept deadlines and the missed
            // ones are joined to their instances. One aggregate over every deadline, with an ordered array per case, was
            // the larger part of the report's time.
            var sql = $"""
                WITH c AS (
                    SELECT c."Number" AS number, c."ResponsibleUnitId" AS unit, c."DistrictId" AS district, c."StreetId" AS street,
                           c."CategoryCode" AS category, c."Channel" AS channel, c."ReportedAt" AS reported,
                           CASE WHEN c."Status" = 'Closed' THEN c."ClosedAt" END AS closed,
                           c."Reworks" + c."Reopenings" AS reworks, c."Satisfaction" AS satisfaction
                    FROM cases c
                    WHERE c."Status" NOT IN ('Merged', 'Rejected'){filter}),
                responses AS (
                    SELECT t."BusinessKey" AS number, min(t."EndedAt") AS responded
                    FROM wf_tasks t
                    WHERE t."NodeId" = @accept AND t."EndedAt" IS NOT NULL AND t."Status" <> 'Cancelled' AND t."BusinessKey" IS NOT NULL
                    GROUP BY t."BusinessKey"),
                accept_due AS (
                    SELECT DISTINCT ON (i."BusinessKey") i."BusinessKey" AS number, d."DueAt" AS due
                    FROM sla_deadlines d JOIN wf_instances i ON i."Id" = d."InstanceId"
                    WHERE d."NodeId" = @accept AND i."BusinessKey" IS NOT NULL
                    ORDER BY i."BusinessKey", d."StartedAt"),
                overdue AS (
                    SELECT DISTINCT i."BusinessKey" AS number
                    FROM sla_deadlines d JOIN wf_instances i ON i."Id" = d."InstanceId"
                    WHERE (d."BreachedAt" IS NOT NULL OR d."CompletedLate") AND i."BusinessKey" IS NOT NULL),
                r AS (
                    SELECT {select}, {period} AS period,
                           ov.number IS NOT NULL AS overdue, rs.responded, ad.due, c.closed, c.reworks, c.satisfaction,
                           CASE WHEN c.closed IS NOT NULL THEN greatest({WorkingTimeAt("c.closed")} - {WorkingTimeAt("c.reported")}, 0) END AS handling
                    FROM c
                    LEFT JOIN responses rs ON rs.number = c.number
                    LEFT JOIN accept_due ad ON ad.number = c.number
                    LEFT JOIN overdue ov ON ov.number = c.number)
                SELECT g0, g1, g2, g3, g4, period,
                       count(*),
                       count(*) FILTER (WHERE overdue),
                       count(*) FILTER (WHERE responded IS NOT NULL OR NOT (@asof IS NOT NULL AND due IS NOT NULL AND due > @asof)),
                       count(*) FILTER (WHERE responded IS NOT NULL AND (due IS NULL OR responded <= due)),
                       count(closed),
                       count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basicallySatisfied', 'unsatisfied')),
                       count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basicallySatisfied')),
                       count(*) FILTER (WHERE closed IS NOT NULL AND NOT overdue),
                       count(*) FILTER (WHERE closed IS NOT NULL AND reworks > 0),
                       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY handling)
                FROM r
                GROUP BY g0, g1, g2, g3, g4, period
                """;

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var memory = Command(connection, transaction, WorkMemory))
            {
                await memory.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var command = Command(connection, transaction, sql);
            AddCalendar(command, first.Value, last!.Value);
            command.Parameters.Add(Instant("from", query.From));
            command.Parameters.Add(Instant("to", query.To));
            command.Parameters.Add(Instant("asof", query.AsOf));
            command.Parameters.AddWithValue("accept", SlaRecords.AcceptStep);

            var rows = new List<KpiGroupResult>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var group = new KpiGroup(Text(reader, 0), Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4));
                var reportPeriod = reader.IsDBNull(5) ? ReportPeriod.Everything : new ReportPeriod(query.Period, reader.GetFieldValue<DateOnly>(5));
                long Count(int i) => reader.GetInt64(i);
                var closed = Count(10);
                var handling = reader.IsDBNull(15) ? null : reader.GetFieldValue<double?[]>(15);
                rows.Add(new KpiGroupResult(group, reportPeriod,
                [
                    KpiValue.Ratio(Kpi.ResponseRate, Count(9), Count(8)),
                    KpiValue.Ratio(Kpi.ResolutionRate, closed, closed),
                    KpiValue.Ratio(Kpi.SatisfactionRate, Count(12), Count(11)),
                    KpiValue.Ratio(Kpi.OnTimeCompletionRate, Count(13), closed),
                    KpiValue.Ratio(Kpi.OverdueRate, Count(7), Count(6)),
                    KpiValue.Ratio(Kpi.ReworkRate, Count(14), closed),
                    HandlingTime(Kpi.MedianHandlingTime, handling?[0], closed),
                    HandlingTime(Kpi.P90HandlingTime, handling?[1], closed),
                ]));
            }

            // The order of KpiAccumulator.Complete: by group, then period.
            return new KpiReport(query, [.. rows.OrderBy(r => r.Group.ToString(), StringComparer.Ordinal).ThenBy(r => r.Period.Start)]);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }

        static KpiValue HandlingTime(Kpi kpi, double? microseconds, long count) => new(
            KpiDefinitions.Of(kpi),
            count == 0 || microseconds is null ? null : FromMicroseconds(microseconds.Value).TotalHours,
            null,
            count);
    }

    /// <summary>
    /// The recommendations of <paramref name="recommender"/> over the completed steps opened in <c>[from, to)</c>, as
    /// <see cref="LimitRecommender.RecommendAsync"/> gives them over <see cref="SlaRecords.StepsAsync"/>. Two statements
    /// over one temporary table of the steps with their durations: the group statistics, then for each group the share
    /// of steps longer than today's limit and than the proposal (which the rounding rules of the recommender decide).
    /// </summary>
    /// <exception cref="FormatException">A step's limit is not a supported ISO-8601 duration.</exception>
    public async Task<IReadOnlyList<LimitRecommendation>> RecommendationsAsync(
        string? process,
        DateTimeOffset? from,
        DateTimeOffset? to,
        LimitRecommender recommender,
        LimitRecommenderOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(options);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var filter = new StringBuilder(" AND t.\"Status\" = 'Completed' AND t.\"EndedAt\" IS NOT NULL");
            if (process is not null)
            {
                filter.Append(" AND t.\"DefinitionKey\" = @process");
            }

            if (from is not null)
            {
                filter.Append(" AND t.\"CreatedAt\" >= @from");
            }

            if (to is not null)
            {
                filter.Append(" AND t.\"CreatedAt\" < @to");
            }

            var (first, last) = await RangeAsync(
                connection,
                $"SELECT min(t.\"CreatedAt\"), max(t.\"EndedAt\") FROM wf_tasks t WHERE TRUE{filter}",
                from,
                to,
                cancellationToken,
                process).ConfigureAwait(false);
            if (first is null)
            {
                return [];
            }

            var steps = new StepsQuery(this, filter.ToString(), process, from, to, first.Value, last!.Value);
            var tables = await SharedTables.TryCreateAsync(connection, cancellationToken).ConfigureAwait(false);
            List<NumberedGroup> groups;
            Dictionary<LimitGroupStatistics, SharesAbove> shares;
            if (tables is null)
            {
                // One session and temporary tables: the login may not create tables (or the server is a read-only standby).
                tables = SharedTables.Temporary;
                await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, tables.CreateSteps, cancellationToken).ConfigureAwait(false);
                await steps.FillAsync(connection, transaction, tables, half: null, cancellationToken).ConfigureAwait(false);
                await NumberGroupsAsync(connection, transaction, tables, cancellationToken).ConfigureAwait(false);
                groups = await GroupStatisticsAsync(connection, transaction, tables, options.Quantile, Levels.Both, cancellationToken).ConfigureAwait(false);
                shares = await SharesAboveAsync(connection, transaction, tables, groups, recommender, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Two sessions on one unlogged table: each fills the steps of half the range, then each computes one level's
                // statistics (the window sorts that are most of the time) — both cores of a small server at work instead
                // of one. PostgreSQL runs neither INSERT … SELECT nor window functions in parallel by itself.
                try
                {
                    var other = new NpgsqlConnection(db.Database.GetConnectionString());
                    await using (other.ConfigureAwait(false))
                    {
                        await other.OpenAsync(cancellationToken).ConfigureAwait(false);
                        var middle = first.Value + ((last.Value - first.Value) / 2);
                        await Task.WhenAll(
                            InTransactionAsync(connection, t => steps.FillAsync(connection, t, tables, half: (false, middle), cancellationToken), cancellationToken),
                            InTransactionAsync(other, t => steps.FillAsync(other, t, tables, half: (true, middle), cancellationToken), cancellationToken))
                            .ConfigureAwait(false);
                        await InTransactionAsync(connection, t => NumberGroupsAsync(connection, t, tables, cancellationToken), cancellationToken).ConfigureAwait(false);
                        var levels = await Task.WhenAll(
                            InTransactionAsync(connection, t => GroupStatisticsAsync(connection, t, tables, options.Quantile, Levels.ProcessStepCategory, cancellationToken), cancellationToken),
                            InTransactionAsync(other, t => GroupStatisticsAsync(other, t, tables, options.Quantile, Levels.WithUnit, cancellationToken), cancellationToken))
                            .ConfigureAwait(false);
                        groups = [.. levels[0], .. levels[1]];
                        shares = await InTransactionAsync(connection, t => SharesAboveAsync(connection, t, tables, groups, recommender, cancellationToken), cancellationToken)
                            .ConfigureAwait(false);
                    }
                }
                catch
                {
                    // The report's own failure is what the caller must see, not a drop that failed after it on the same
                    // broken connection (the tables are then left behind: docs/operators/postgresql.md).
                    await DropAfterFailureAsync(connection, tables).ConfigureAwait(false);
                    throw;
                }

                // Not cancellable: an unlogged table left behind would stay until someone drops it.
                await ExecuteAsync(connection, null, tables.Drop, CancellationToken.None).ConfigureAwait(false);
            }

            return recommender.Recommend(groups.Select(g => g.Statistics), (group, length) => shares[group].Share(length, group.SampleSize));
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task DropAfterFailureAsync(NpgsqlConnection connection, SharedTables tables)
    {
        try
        {
            await ExecuteAsync(connection, null, tables.Drop, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // Already failing; the caller gets the first error.
        }
    }

    /// <summary>The completed steps to measure: their filter and calendar, written into a steps table by <see cref="FillAsync"/>.</summary>
    private sealed record StepsQuery(SlaSetQueries Queries, string Filter, string? Process, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset First, DateTimeOffset Last)
    {
        /// <summary>
        /// Writes the steps with their durations into <paramref name="tables"/>' steps table: all of them, or those opened
        /// before (<c>Later = false</c>) or from (<c>Later = true</c>) <c>Middle</c>.
        /// </summary>
        public async Task FillAsync(
            NpgsqlConnection connection, NpgsqlTransaction? transaction, SharedTables tables, (bool Later, DateTimeOffset Middle)? half,
            CancellationToken cancellationToken)
        {
            var filter = half is { Later: var later } ? $"{Filter} AND t.\"CreatedAt\" {(later ? ">=" : "<")} @middle" : Filter;
            // A task's unit is its first candidate group. DISTINCT ON reads it in the primary key's order ("TaskId", "Kind",
            // "Value"), so the first row per task is that group: a hash aggregate over one group per task was a quarter
            // of the statement's time.
            // Each instant is converted to local time once (OFFSET 0 keeps the planner from pulling the sub-selects up and
            // repeating AT TIME ZONE in every use), then split into a calendar day and a time of day.
            var sql = $"""
                INSERT INTO {tables.Steps}
                SELECT id, process, step, created, completed, category, unit, lim, kind, breached,
                       greatest({Queries.WorkingTime("completed_day", "completed_time")} - {Queries.WorkingTime("created_day", "created_time")}, 0) AS business_us,
                       greatest(round(date_part('epoch', completed - created) * 1000000)::bigint, 0) AS natural_us
                FROM (
                    SELECT t.*, {LocalDay("created_local")} AS created_day, {LocalTimeOfDay("created_local")} AS created_time,
                           {LocalDay("completed_local")} AS completed_day, {LocalTimeOfDay("completed_local")} AS completed_time
                    FROM (
                        SELECT t."Id" AS id, t."DefinitionKey" AS process, t."NodeId" AS step, t."CreatedAt" AS created, t."EndedAt" AS completed,
                               coalesce(c."CategoryCode", '{Unknown}') AS category,
                               coalesce(CASE WHEN strpos(g.value, '@') > 0 THEN substr(g.value, strpos(g.value, '@') + 1) ELSE g.value END, '{Unknown}') AS unit,
                               d."Limit" AS lim, coalesce(d."CalendarKind", '{CalendarKind.Business}') AS kind,
                               coalesce(d."BreachedAt" IS NOT NULL OR d."CompletedLate", false) AS breached,
                               t."CreatedAt" AT TIME ZONE @tz AS created_local, t."EndedAt" AT TIME ZONE @tz AS completed_local
                        FROM wf_tasks t
                        LEFT JOIN cases c ON c."Number" = t."BusinessKey"
                        LEFT JOIN (SELECT DISTINCT ON ("TaskId") "TaskId", "Value" AS value FROM wf_task_candidates WHERE "Kind" = 'Group' ORDER BY "TaskId", "Value") g ON g."TaskId" = t."Id"
                        LEFT JOIN sla_deadlines d ON d."BookmarkId" = t."Id"
                        WHERE TRUE{filter}
                        OFFSET 0) t
                    OFFSET 0) t
                """;
            await using var command = Command(connection, transaction, sql);
            Queries.AddCalendar(command, First, Last);
            command.Parameters.AddWithValue("process", (object?)Process ?? DBNull.Value);
            command.Parameters.Add(Instant("from", From));
            command.Parameters.Add(Instant("to", To));
            command.Parameters.Add(Instant("middle", half?.Middle));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The steps table and its groups: temporary tables of one session, or — when the login may create tables — unlogged
    /// tables of a unique name that two sessions share and the caller drops.
    /// </summary>
    private sealed record SharedTables(string Steps, string Groups, bool IsTemporary)
    {
        // Parameters are not allowed in CREATE TABLE AS, so the table is made first and filled by an INSERT. Byte-order
        // ("C") collation: the groups only need to be told apart, and linguistic comparison made every sort several times slower.
        private const string Columns = """
            (id text COLLATE "C", process text COLLATE "C", step text COLLATE "C", created timestamptz, completed timestamptz,
             category text COLLATE "C", unit text COLLATE "C", lim text COLLATE "C", kind text COLLATE "C", breached boolean,
             business_us bigint, natural_us bigint)
            """;

        public static SharedTables Temporary { get; } = new("sla_steps", "sla_groups", true);

        public string CreateSteps => IsTemporary ? $"CREATE TEMP TABLE {Steps} {Columns} ON COMMIT DROP" : $"CREATE UNLOGGED TABLE {Steps} {Columns}";

        public string CreateGroups => IsTemporary ? $"CREATE TEMP TABLE {Groups} ON COMMIT DROP AS" : $"CREATE UNLOGGED TABLE {Groups} AS";

        public string Drop => $"DROP TABLE IF EXISTS {Groups}, {Steps}";

        /// <summary>The shared tables, or null when this login may not create a table (or the server is read-only).</summary>
        public static async Task<SharedTables?> TryCreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            var name = $"sla_steps_{Guid.NewGuid():N}";
            var tables = new SharedTables(name, name + "_groups", false);
            try
            {
                await ExecuteAsync(connection, null, tables.CreateSteps, cancellationToken).ConfigureAwait(false);
                return tables;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ReadOnlySqlTransaction)
            {
                return null;
            }
        }
    }

    private enum Levels
    {
        Both,
        ProcessStepCategory,
        WithUnit,
    }

    private static async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, WorkMemory, cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    private static async Task InTransactionAsync(NpgsqlConnection connection, Func<NpgsqlTransaction, Task> work, CancellationToken cancellationToken) =>
        await InTransactionAsync(connection, async t =>
        {
            await work(t).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private static async Task<T> InTransactionAsync<T>(NpgsqlConnection connection, Func<NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var result = await work(transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Every group of the steps table numbered: ga per process × step × category, gu per process × step × category × unit,
    // both dense from 1 in the groups' order, so that a level's statistics and thresholds can be addressed by number.
    // A temporary table has no statistics until analysed; without them the planner guessed half the rows and
    // merge-joined the groups with the steps, re-sorting them once per duplicate key.
    private static async Task NumberGroupsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, SharedTables tables, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, $"ANALYZE {tables.Steps}", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            {tables.CreateGroups}
            SELECT process, step, category, unit,
                   dense_rank() OVER (ORDER BY process, step, category)::int AS ga,
                   row_number() OVER (ORDER BY process, step, category, unit)::int AS gu
            FROM {tables.Steps}
            GROUP BY process, step, category, unit
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"ANALYZE {tables.Groups}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<NumberedGroup>> GroupStatisticsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        SharedTables tables,
        double quantile,
        Levels levels,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, NoMergeJoins, cancellationToken).ConfigureAwait(false);
        // Each group's durations are read in the kind of time of its latest step's limit (the last to open; ties by id),
        // and its halves for the drift note are split in opening order. One window pass per level, newest step first:
        // its limit and kind are the group's "today", and a step's place from the end (back = 0 for the newest) splits
        // the halves. The window sorts by the group's number (sla_groups), not by its three or four texts: a sort on
        // texts that share long prefixes ("case-handling", …) compared them in full for every pair and was most of the
        // time. The level's grouping reuses the window's order; "more than one (limit, kind)" is min <> max, not a
        // count(DISTINCT …), which sorted every group once more.
        const string Level = """
            SELECT g.process, g.step, g.category, {1} AS unit, a.*
            FROM (
                SELECT gid, count(*)::int AS size, (count(*) FILTER (WHERE breached))::int AS breached,
                       min(coalesce(lim, '')) <> max(coalesce(lim, '')) OR min(kind) <> max(kind) AS mixed,
                       min(latest_lim) AS latest_lim, min(latest_kind) AS latest_kind,
                       percentile_cont(ARRAY[0.5, 0.8, 0.9, 0.95, @quantile]) WITHIN GROUP (ORDER BY dur) AS quantiles,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY dur) FILTER (WHERE n - back <= n / 2) AS earlier,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY dur) FILTER (WHERE n - back > n / 2) AS later
                FROM (
                    SELECT s.*, CASE WHEN latest_kind = 'Natural' THEN natural_us ELSE business_us END AS dur
                    FROM (
                        SELECT g.{0} AS gid, s.lim, s.kind, s.breached, s.business_us, s.natural_us,
                               row_number() OVER w - 1 AS back, count(*) OVER (PARTITION BY g.{0}) AS n,
                               first_value(s.lim) OVER w AS latest_lim, first_value(s.kind) OVER w AS latest_kind
                        FROM {3} s JOIN {4} g USING (process, step, category, unit)
                        WINDOW w AS (PARTITION BY g.{0} ORDER BY s.created DESC, s.id DESC)) s) s
                GROUP BY gid) a
            JOIN {2} g ON g.{0} = a.gid
            """;
        var processStepCategory = string.Format(
            CultureInfo.InvariantCulture, Level, "ga", "NULL::text", $"(SELECT DISTINCT ga, process, step, category FROM {tables.Groups})", tables.Steps, tables.Groups);
        var withUnit = string.Format(CultureInfo.InvariantCulture, Level, "gu", "g.unit", tables.Groups, tables.Steps, tables.Groups);
        var sql = levels switch
        {
            Levels.ProcessStepCategory => processStepCategory,
            Levels.WithUnit => withUnit,
            _ => $"{processStepCategory}\nUNION ALL\n{withUnit}",
        };
        await using var command = Command(connection, transaction, sql);
        command.Parameters.AddWithValue("quantile", quantile);
        var groups = new List<NumberedGroup>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var n = reader.GetInt32(5);
            var q = reader.GetFieldValue<double[]>(10);
            var halves = n >= 4 && !reader.IsDBNull(11) && !reader.IsDBNull(12);
            groups.Add(new NumberedGroup(reader.GetInt32(4), new LimitGroupStatistics(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Text(reader, 3),
                n,
                Enum.Parse<CalendarKind>(reader.GetString(9)),
                Text(reader, 8),
                reader.GetBoolean(7),
                reader.GetInt32(6),
                FromMicroseconds(q[0]),
                FromMicroseconds(q[1]),
                FromMicroseconds(q[2]),
                FromMicroseconds(q[3]),
                FromMicroseconds(q[4]),
                halves ? FromMicroseconds(reader.GetDouble(11)) : null,
                halves ? FromMicroseconds(reader.GetDouble(12)) : null)));
        }

        return groups;
    }

    private static async Task<Dictionary<LimitGroupStatistics, SharesAbove>> SharesAboveAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        SharedTables tables,
        List<NumberedGroup> groups,
        LimitRecommender recommender,
        CancellationToken cancellationToken)
    {
        // One pass over the steps, counted per group of both levels at once (grouping sets, hashed); each step's
        // thresholds are read from arrays by its groups' numbers instead of joining a list of groups by their texts.
        var all = Level(groups.Where(g => g.Statistics.OrgUnit is null));
        var units = Level(groups.Where(g => g.Statistics.OrgUnit is not null));
        await ExecuteAsync(connection, transaction, NoMergeJoins, cancellationToken).ConfigureAwait(false);
        var sql = $"""
            SELECT g.ga, g.gu,
                   count(*) FILTER (WHERE CASE WHEN @all_natural[g.ga] THEN s.natural_us ELSE s.business_us END > @all_cur[g.ga]),
                   count(*) FILTER (WHERE CASE WHEN @all_natural[g.ga] THEN s.natural_us ELSE s.business_us END > @all_prop[g.ga]),
                   count(*) FILTER (WHERE CASE WHEN @unit_natural[g.gu] THEN s.natural_us ELSE s.business_us END > @unit_cur[g.gu]),
                   count(*) FILTER (WHERE CASE WHEN @unit_natural[g.gu] THEN s.natural_us ELSE s.business_us END > @unit_prop[g.gu])
            FROM {tables.Steps} s JOIN {tables.Groups} g USING (process, step, category, unit)
            GROUP BY GROUPING SETS ((g.ga), (g.gu))
            """;
        await using var command = Command(connection, transaction, sql);
        all.AddParameters(command, "all");
        units.AddParameters(command, "unit");

        var shares = new Dictionary<LimitGroupStatistics, SharesAbove>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var (level, number, current, proposal) = reader.IsDBNull(1) ? (all, reader.GetInt32(0), 2, 3) : (units, reader.GetInt32(1), 4, 5);
            var (group, thresholds) = level.Groups[number - 1];
            shares[group] = new SharesAbove(thresholds.Current, reader.GetInt64(current), thresholds.Proposal, reader.GetInt64(proposal));
        }

        return shares;

        LevelThresholds Level(IEnumerable<NumberedGroup> level)
        {
            var list = level.ToList();
            var byNumber = new (LimitGroupStatistics, (TimeSpan? Current, TimeSpan Proposal))[list.Count == 0 ? 0 : list.Max(g => g.Number)];
            foreach (var g in list)
            {
                byNumber[g.Number - 1] = (g.Statistics, recommender.Thresholds(g.Statistics));
            }

            return new LevelThresholds(byNumber);
        }
    }

    /// <summary>A group's statistics and its number in sla_groups (ga for process × step × category, gu with the unit).</summary>
    private sealed record NumberedGroup(int Number, LimitGroupStatistics Statistics);

    /// <summary>One level's groups and thresholds, at index number − 1, sent as arrays PostgreSQL reads by subscript.</summary>
    private sealed record LevelThresholds((LimitGroupStatistics Group, (TimeSpan? Current, TimeSpan Proposal) Thresholds)[] Groups)
    {
        public void AddParameters(NpgsqlCommand command, string prefix)
        {
            command.Parameters.AddWithValue(prefix + "_natural", Groups.Select(g => g.Group?.Calendar == CalendarKind.Natural).ToArray());
            command.Parameters.Add(new NpgsqlParameter(prefix + "_cur", NpgsqlDbType.Array | NpgsqlDbType.Bigint)
            {
                Value = Groups.Select(g => g.Thresholds.Current is { } c ? (long?)Microseconds(c) : null).ToArray(),
            });
            command.Parameters.Add(new NpgsqlParameter(prefix + "_prop", NpgsqlDbType.Array | NpgsqlDbType.Bigint)
            {
                Value = Groups.Select(g => Microseconds(g.Thresholds.Proposal)).ToArray(),
            });
        }
    }

    // The steps join their groups on four columns, whose combined selectivity the planner underestimates (a row or so),
    // and it then chose to sort all steps by their texts to merge them with the groups — the very sort the groups'
    // numbers are there to avoid. For the transaction only.
    private const string NoMergeJoins = "SET LOCAL enable_mergejoin = off";

    // Sorts and hashes of a whole year's steps in memory rather than in temporary files; for this transaction only.
    private const string WorkMemory = "SET LOCAL work_mem = '256MB'";

    /// <summary>
    /// Working time (µs) from the calendar's first day to <paramref name="column"/>: the day's entries are read from the
    /// calendar arrays by subscript (day − first day + 1) rather than joined as rows, which made the planner sort every
    /// step twice to merge it with a few hundred calendar days. A day outside the arrays reads NULL, as a join miss did.
    /// </summary>
    private string WorkingTimeAt(string column) =>
        WorkingTime(LocalDay($"({column} AT TIME ZONE @tz)"), LocalTimeOfDay($"({column} AT TIME ZONE @tz)"));

    /// <summary>The working time of <see cref="WorkingTimeAt"/> from an instant's calendar day (<see cref="LocalDay"/>) and time of day in µs.</summary>
    private string WorkingTime(string day, string timeOfDay)
    {
        var worked = string.Join(" + ", calendar.WorkingHours.Select(p =>
        {
            var start = Microseconds(p.Start.ToTimeSpan());
            var length = Microseconds(p.End - p.Start);
            return string.Create(CultureInfo.InvariantCulture, $"least(greatest({timeOfDay} - {start}, 0), {length})");
        }));
        return $"(@cal_cum[{day}] + CASE WHEN @cal_working[{day}] THEN {worked} ELSE 0 END)";
    }

    /// <summary>The index of a local timestamp's date in the calendar arrays (1 for the first day).</summary>
    private static string LocalDay(string local) => $"({local}::date - @cal_start + 1)";

    // date_part gives double seconds (extract's numeric is several times slower); a time of day in µs fits a double exactly.
    private static string LocalTimeOfDay(string local) => $"round(date_part('epoch', {local}::time) * 1000000)::bigint";

    private void AddCalendar(NpgsqlCommand command, DateTimeOffset first, DateTimeOffset last)
    {
        var start = LocalDate(first).AddDays(-1);
        var end = LocalDate(last).AddDays(1);
        var workingDay = Microseconds(calendar.WorkingHours.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.End - p.Start)));
        var working = new List<bool>();
        var cumulative = new List<long>();
        var total = 0L;
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            var isWorking = calendar.IsWorkingDay(day);
            working.Add(isWorking);
            cumulative.Add(total);
            total += isWorking ? workingDay : 0;
        }

        command.Parameters.AddWithValue("cal_start", start);
        command.Parameters.AddWithValue("cal_working", working.ToArray());
        command.Parameters.AddWithValue("cal_cum", cumulative.ToArray());
        command.Parameters.AddWithValue("tz", TimeZoneId(calendar.TimeZone));
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, calendar.TimeZone).DateTime);

    private static string TimeZoneId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana
        : throw new InvalidOperationException($"The calendar's time zone '{zone.Id}' has no IANA name PostgreSQL would know.");

    private static async Task<(DateTimeOffset? First, DateTimeOffset? Last)> RangeAsync(
        NpgsqlConnection connection,
        string sql,
        DateTimeOffset? from,
        DateTimeOffset? to,
        CancellationToken cancellationToken,
        string? process = null)
    {
        await using var command = Command(connection, null, sql);
        command.Parameters.AddWithValue("process", (object?)process ?? DBNull.Value);
        command.Parameters.Add(Instant("from", from));
        command.Parameters.Add(Instant("to", to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) =>
        new(sql, connection, transaction) { CommandTimeout = CommandTimeoutSeconds };

    // Npgsql writes only UTC offsets to timestamptz.
    private static NpgsqlParameter Instant(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = (object?)value?.ToUniversalTime() ?? DBNull.Value };

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long Microseconds(TimeSpan length) => length.Ticks / TimeSpan.TicksPerMicrosecond;

    // percentile_cont interpolates in double µs; rounding to whole ticks gives the streaming path's TimeSpan.
    private static TimeSpan FromMicroseconds(double microseconds) =>
        TimeSpan.FromTicks((long)Math.Round(microseconds * TimeSpan.TicksPerMicrosecond, MidpointRounding.AwayFromZero));

    private sealed record SharesAbove(TimeSpan? Current, long AboveCurrent, TimeSpan Proposal, long AboveProposal)
    {
        public double Share(TimeSpan length, int sampleSize) =>
            sampleSize == 0 ? 0
            : length == Proposal ? (double)AboveProposal / sampleSize
            : length == Current ? (double)AboveCurrent / sampleSize
            : throw new InvalidOperationException($"No share was counted for {length}.");
    }
}
