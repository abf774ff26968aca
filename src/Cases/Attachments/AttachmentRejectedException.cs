using System.Globalization;

namespace Tongguan.Cases.Attachments;

/// <summary>Why an upload was refused.</summary>
public enum AttachmentRejectionReason
{
    TooLarge,
    Empty,
    UnsupportedType,
}

/// <summary>
/// An upload was refused; <see cref="Exception.Message"/> is written for the person who uploaded the file and
/// names no server path, so it can be shown as it is (as a 400 or 413 problem detail).
/// </summary>
public sealed class AttachmentRejectedException : Exception
{
    public AttachmentRejectedException()
        : this(AttachmentRejectionReason.UnsupportedType, "The file was not accepted.")
    {
    }

    public AttachmentRejectedException(string message)
        : this(AttachmentRejectionReason.UnsupportedType, message)
    {
    }

    public AttachmentRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = AttachmentRejectionReason.UnsupportedType;
    }

    public AttachmentRejectedException(AttachmentRejectionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public AttachmentRejectionReason Reason { get; }

    /// <param name="length">The file's full length when known up front, else null (reading stopped at the limit).</param>
    /// <param name="maxBytes">The configured limit.</param>
    internal static AttachmentRejectedException TooLarge(long? length, long maxBytes) =>
        new(
            AttachmentRejectionReason.TooLarge,
            length is { } known
                ? $"The file is {FormatSize(known, roundUp: true)}; the limit is {FormatSize(maxBytes, roundUp: false)}."
                : $"The file is larger than the limit of {FormatSize(maxBytes, roundUp: false)}.");

    internal static AttachmentRejectedException Empty() =>
        new(AttachmentRejectionReason.Empty, "The file is empty.");

    internal static AttachmentRejectedException UnsupportedType(SniffResult sniffed, IEnumerable<string> allowedTypes)
    {
        var what = sniffed.LooksLike is { } looksLike ? $"this file looks like {looksLike}" : "this file's type is not recognised";
        return new(
            AttachmentRejectionReason.UnsupportedType,
            $"Only {ContentSniffer.DescribeAccepted(allowedTypes)} are accepted; {what}.");
    }

    /// <summary>
    /// Sizes as people read them (binary units, one decimal). A file over the limit is rounded up and the limit down,
    /// so a file just over 10 MB never reads "10 MB; the limit is 10 MB".
    /// </summary>
    internal static string FormatSize(long bytes, bool roundUp)
    {
        const double KiB = 1024;
        const double MiB = 1024 * 1024;
        var (value, unit) = bytes switch
        {
            >= 1024 * 1024 => (bytes / MiB, "MB"),
            >= 1024 => (bytes / KiB, "KB"),
            _ => (bytes, "bytes"),
        };
        var rounded = roundUp ? Math.Ceiling(value * 10) / 10 : Math.Floor(value * 10) / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{rounded:0.#} {unit}");
    }
}
