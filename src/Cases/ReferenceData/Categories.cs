using System.Text.Json.Serialization;
using Tongguan.Workflows.Model;

namespace Tongguan.Cases.ReferenceData;

/// <summary>A name in both UI languages (DESIGN.md: zh-CN and English UI text).</summary>
public sealed record LocalizedName(string Zh, string En)
{
    public override string ToString() => $"{Zh} ({En})";
}

/// <summary>CJ/T 214 distinguishes physical components (部件, code letter B) from events (事件, code letter S).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CategoryKind>))]
public enum CategoryKind
{
    Component,
    Event,
}

/// <summary>The handling steps a category gives default time limits for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStep>))]
public enum CaseStep
{
    /// <summary>签收: the receiving unit accepts (or returns) the dispatched case.</summary>
    Accept,

    /// <summary>处置: the unit solves the problem and submits proof.</summary>
    Handle,

    /// <summary>核查: a grid inspector or the citizen confirms the result.</summary>
    Verify,
}

/// <summary>
/// A default time limit as the engine's <c>tg:timeLimit</c> and <c>tg:calendar</c> take it: an ISO-8601 duration
/// in days and time (no years or months; no weeks in business time) and the calendar it is counted in.
/// </summary>
public sealed record StepLimit(string Duration, CalendarKind Calendar)
{
    /// <summary>The same limit as the engine's model type, e.g. to compare with a process's own limit.</summary>
    public TimeLimit ToTimeLimit() => new(Duration, Calendar, null);
}

public sealed record StepLimits(StepLimit Accept, StepLimit Handle, StepLimit Verify)
{
    public StepLimit For(CaseStep step) => step switch
    {
        CaseStep.Accept => Accept,
        CaseStep.Handle => Handle,
        CaseStep.Verify => Verify,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown case step."),
    };
}

/// <summary>A major category (大类), e.g. <c>S05</c> 街面秩序; it groups leaf categories and gives them defaults.</summary>
public sealed record CategoryMajor(string Code, CategoryKind Kind, LocalizedName Names);

/// <summary>
/// A leaf category (小类), the only level a case is filed under: <c>B0101</c> 上水井盖, <c>S0501</c> 占道经营.
/// Code = kind letter + 2-digit major + 2-digit minor; <see cref="Major"/> is the first three characters.
/// </summary>
public sealed record Category(
    string Code,
    string Major,
    CategoryKind Kind,
    LocalizedName Names,
    string DepartmentType,
    StepLimits StepLimits);
