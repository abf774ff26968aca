using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Forms;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;

namespace Tongguan.Cases.Portal;

/// <summary>The citizen's rating: <c>satisfied</c>, <c>basicallySatisfied</c> or <c>unsatisfied</c>, with an optional comment.</summary>
public sealed record PortalRatingRequest(string? TrackingCode, string? Satisfaction, string? Comment);

/// <summary>
/// POST /api/portal/cases/{number}/rating: the citizen rates the result of a handled case (评价). The rating is the
/// message <see cref="MessageName"/> correlated by the case number (definitions/citizen-callback.bpmn waits for it).
/// The shipped closed-loop process (case-handling.bpmn) waits at its call-back task instead; when no instance takes
/// the message, the citizen's own answer completes that task, exactly as the hotline agent's would after a call. An
/// unsatisfied rating therefore reopens the case. Too early (not closed yet) or a second rating: 409.
/// </summary>
public sealed class RateCase(CitizenCases cases, WorkflowRuntime runtime, TongguanDbContext db, TimeProvider timeProvider)
{
    public const string MessageName = "SatisfactionRated";

    public const int MaxCommentLength = 500;

    /// <summary>The answers of the call-back form (definitions/forms/callback.json).</summary>
    public static readonly IReadOnlyList<string> Ratings = ["satisfied", "basicallySatisfied", "unsatisfied"];

    public async Task<Results<Ok<PortalProgress>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string number, PortalRatingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Satisfaction is null || !Ratings.Contains(request.Satisfaction, StringComparer.Ordinal))
        {
            errors["satisfaction"] = [$"Rate the result with one of {string.Join(", ", Ratings)}."];
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is not null && (comment.Length > MaxCommentLength || PlainText.Problem(comment) is not null))
        {
            errors["comment"] = [comment.Length > MaxCommentLength ? $"The comment has at most {MaxCommentLength} characters." : $"The comment {PlainText.Problem(comment)}"];
        }

        var found = await cases.FindAsync(number, request.TrackingCode, cancellationToken).ConfigureAwait(false);
        if (found is not var (report, handled))
        {
            return PortalApi.NotFound(number);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The rating cannot be taken as written");
        }

        if (handled.Status != CaseStatus.Closed)
        {
            return TypedResults.Problem(
                handled.Status is CaseStatus.Rejected or CaseStatus.Merged
                    ? $"Case {handled.Number} was not taken up, so there is no result to rate. 该诉求未立案，没有可评价的处置结果。"
                    : $"Case {handled.Number} is still being handled ({handled.Status}); rate it once it is closed. 案件尚未办结，办结后方可评价。",
                statusCode: StatusCodes.Status409Conflict, title: "Not ready for a rating");
        }

        var actor = new Actor(SubmitPortalReport.UploaderOf(report.Id), "市民 / citizen");
        var payload = new JsonObject { [CaseVariables.Satisfaction] = request.Satisfaction, ["comment"] = comment, ["ratedBy"] = "citizen" };
        var correlated = await runtime.CorrelateMessageAsync(MessageName, handled.Number, payload, actor, cancellationToken).ConfigureAwait(false);
        if (correlated.Delivered.Count == 0)
        {
            var callback = await cases.CallbackTaskAsync(handled.Number, cancellationToken).ConfigureAwait(false);
            if (callback is null)
            {
                return TypedResults.Problem(
                    $"Case {handled.Number} has been rated already. 该案件已评价，不能重复评价。",
                    statusCode: StatusCodes.Status409Conflict, title: "Already rated");
            }

            await runtime.CompleteTaskAsync(callback.Id, actor, payload, cancellationToken).ConfigureAwait(false);
        }

        var now = timeProvider.GetUtcNow();
        db.ChangeTracker.Clear();
        db.Add(new CaseEvent
        {
            Id = Guid.CreateVersion7(now), CaseId = handled.Id, Kind = CaseEventKind.Comment, Actor = actor.Id, At = now,
            Text = $"市民评价 / citizen's rating: {request.Satisfaction}{(comment is null ? "" : " — " + comment)}",
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var after = await cases.FindAsync(number, request.TrackingCode, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await cases.ProgressAsync(after!.Value.Report, after.Value.Case, number.Trim().ToUpperInvariant(), cancellationToken).ConfigureAwait(false));
    }
}
