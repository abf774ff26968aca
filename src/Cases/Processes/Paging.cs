using Microsoft.AspNetCore.Http.HttpResults;

namespace Tongguan.Cases.Processes;

internal static class Paging
{
    public const int MaxTake = 200;

    public static ValidationProblem? Check(int skip, int take)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0)
        {
            errors["skip"] = ["skip must be 0 or more."];
        }

        if (take is < 1 or > MaxTake)
        {
            errors["take"] = [$"take must be between 1 and {MaxTake}."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}
