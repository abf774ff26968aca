namespace Tongguan.Cases.Model;

/// <summary>A file attached to a case (proof photo, document); the bytes live in the attachment store, outside the web root.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public string? TaskId { get; set; }

    public required string StorageKey { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
