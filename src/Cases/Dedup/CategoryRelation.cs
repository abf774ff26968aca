namespace Tongguan.Cases.Dedup;

/// <summary>How two category codes relate in the CJ/T 214-style tree ("S0501": kind letter, 2-digit major, 2-digit minor).</summary>
public enum CategoryRelation
{
    /// <summary>Different major groups (or either code malformed): never the same problem.</summary>
    Unrelated = 0,

    /// <summary>Same kind and major group ("S05"), different leaf: channels often classify one problem slightly differently.</summary>
    SameMajor = 1,

    /// <summary>The same leaf category.</summary>
    SameLeaf = 2,
}

public static class CategoryCodes
{
    /// <summary>Length of the major-group prefix ("S05" of "S0501").</summary>
    public const int MajorLength = 3;

    /// <summary>Compares two category codes, ordinal and case-insensitive.</summary>
    public static CategoryRelation Relate(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Length < MajorLength || second.Length < MajorLength)
        {
            return CategoryRelation.Unrelated;
        }

        if (string.Equals(first, second, StringComparison.OrdinalIgnoreCase))
        {
            return CategoryRelation.SameLeaf;
        }

        return first.AsSpan(0, MajorLength).Equals(second.AsSpan(0, MajorLength), StringComparison.OrdinalIgnoreCase)
            ? CategoryRelation.SameMajor
            : CategoryRelation.Unrelated;
    }

    /// <summary>The major-group prefix of a code ("S05" of "S0501"), or the code itself when shorter.</summary>
    public static string MajorOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length <= MajorLength ? code : code[..MajorLength];
    }
}
