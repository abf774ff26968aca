using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tongguan.Cases.Attachments;

/// <summary>A file the store accepted.</summary>
/// <param name="Id">The generated id; also the last part of <paramref name="StorageKey"/>.</param>
/// <param name="StorageKey">Where the file lives below the folder, <c>yyyy/MM/{id:N}</c> (UTC); what to keep in the database.</param>
/// <param name="ContentType">The sniffed type, one of <see cref="ContentSniffer.SupportedTypes"/>; never the client's claim.</param>
/// <param name="Length">The length in bytes.</param>
/// <param name="Sha256">The SHA-256 of the content, 64 lower-case hex digits.</param>
/// <param name="FileName">The sanitised display name (<see cref="AttachmentFileName.Sanitise"/>).</param>
public sealed record StoredAttachment(Guid Id, string StorageKey, string ContentType, long Length, string Sha256, string FileName);

/// <summary>
/// Keeps uploaded files in a folder outside the web root under generated names. An upload is streamed to a temp file
/// in the same folder, checked (size, content type from its bytes) and hashed on the way, and moved into place only
/// when accepted; a refused or cancelled upload leaves nothing behind. Stateless apart from its settings, so one
/// instance serves concurrent requests.
/// </summary>
public sealed partial class AttachmentStore
{
    /// <summary>Holds uploads in progress; not a key shape, so <see cref="OpenReadAsync"/> can never reach it.</summary>
    public const string IncomingFolderName = ".incoming";

    private const int BufferSize = 81920;

    private readonly long _maxBytes;
    private readonly string[] _allowedTypes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="options">The limits; <see cref="AttachmentOptions.Folder"/> is ignored in favour of <paramref name="folder"/>.</param>
    /// <param name="folder">The folder to store in, usually <see cref="AttachmentOptions.ResolveFolder"/>; created when missing.</param>
    /// <param name="timeProvider">Dates the storage key (UTC year and month).</param>
    /// <param name="logger">Logs clean-up problems; none when null.</param>
    public AttachmentStore(AttachmentOptions options, string folder, TimeProvider timeProvider, ILogger<AttachmentStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        _maxBytes = options.MaxBytes;
        _allowedTypes = [.. options.AllowedTypes.Select(t => t.Trim())];
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<AttachmentStore>.Instance;
    }

    /// <summary>The full path of the folder the files are stored in.</summary>
    public string Folder { get; }

    /// <summary>Whether <paramref name="storageKey"/> has the shape the store generates (<c>yyyy/MM/</c> and 32 hex digits).</summary>
    public static bool IsStorageKey(string? storageKey) => storageKey is not null && StorageKeyPattern().IsMatch(storageKey);

    /// <summary>
    /// Streams <paramref name="content"/> into the store, reading at most one byte past the limit and never holding
    /// the whole file in memory.
    /// </summary>
    /// <param name="content">The upload, read from its current position; not disposed.</param>
    /// <param name="originalFileName">The client's file name, used only to derive the display name.</param>
    /// <param name="cancellationToken">Stops the upload; nothing is left behind.</param>
    /// <exception cref="AttachmentRejectedException">Too large, empty, or not an allowed type; nothing is stored.</exception>
    public async Task<StoredAttachment> SaveAsync(Stream content, string? originalFileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        long? knownLength = content.CanSeek ? Math.Max(0, content.Length - content.Position) : null;
        if (knownLength > _maxBytes)
        {
            throw AttachmentRejectedException.TooLarge(knownLength, _maxBytes);
        }

        if (knownLength == 0)
        {
            throw AttachmentRejectedException.Empty();
        }

        var incoming = Path.Combine(Folder, IncomingFolderName);
        CreatePrivateDirectory(incoming);
        var id = Guid.NewGuid();
        var temp = Path.Combine(incoming, id.ToString("N", CultureInfo.InvariantCulture) + ".part");
        var moved = false;
        try
        {
            var (contentType, length, sha256) = await CopyCheckedAsync(content, temp, cancellationToken).ConfigureAwait(false);

            // UtcDateTime: a TimeProvider may report "now" with a local offset, and keys must not depend on it.
            var storageKey = string.Create(CultureInfo.InvariantCulture, $"{_timeProvider.GetUtcNow().UtcDateTime:yyyy'/'MM}/{id:N}");
            var path = PathFor(storageKey);
            CreatePrivateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: false);
            moved = true;
            return new StoredAttachment(id, storageKey, contentType, length, sha256, AttachmentFileName.Sanitise(originalFileName, contentType));
        }
        finally
        {
            if (!moved)
            {
                DeleteIncoming(temp);
            }
        }
    }

    /// <summary>Opens a stored file for reading (asynchronous, sequential); the caller disposes the stream.</summary>
    /// <exception cref="ArgumentException"><paramref name="storageKey"/> is not a key the store generated (e.g. holds <c>..</c> or is a path).</exception>
    /// <exception cref="FileNotFoundException">No file is stored under the key.</exception>
    public Task<Stream> OpenReadAsync(string storageKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathFor(storageKey);
        try
        {
            Stream stream = new FileStream(
                path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"No attachment is stored under '{storageKey}'.", exception);
        }
    }

    /// <summary>Deletes a stored file; a key with no file is not an error (deleting twice is harmless).</summary>
    /// <exception cref="ArgumentException"><paramref name="storageKey"/> is not a key the store generated.</exception>
    public Task DeleteAsync(string storageKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathFor(storageKey);
        if (Directory.Exists(Path.GetDirectoryName(path)))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private async Task<(string ContentType, long Length, string Sha256)> CopyCheckedAsync(
        Stream content, string temp, CancellationToken cancellationToken)
    {
        var target = new FileStream(temp, WriteOptions());
        await using (target.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var header = new byte[ContentSniffer.HeaderLength];
            var headerLength = 0;
            string? contentType = null;
            long length = 0;
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                while (true)
                {
                    // Never ask for more than one byte past the limit, so an oversized upload is cut off there.
                    var wanted = (int)Math.Min(BufferSize, _maxBytes - length + 1);
                    var read = await content.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > _maxBytes)
                    {
                        throw AttachmentRejectedException.TooLarge(null, _maxBytes);
                    }

                    var toHeader = Math.Min(read, header.Length - headerLength);
                    buffer.AsSpan(0, toHeader).CopyTo(header.AsSpan(headerLength));
                    headerLength += toHeader;
                    if (contentType is null && headerLength == header.Length)
                    {
                        contentType = CheckType(header);
                    }

                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (length == 0)
            {
                throw AttachmentRejectedException.Empty();
            }

            contentType ??= CheckType(header.AsSpan(0, headerLength));
            await target.FlushAsync(cancellationToken).ConfigureAwait(false);

            // On disk before the caller records the key in the database.
            target.Flush(flushToDisk: true);
            return (contentType, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
    }

    private string CheckType(ReadOnlySpan<byte> header)
    {
        var sniffed = ContentSniffer.Sniff(header);
        if (sniffed.ContentType is { } type && _allowedTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return type;
        }

        throw AttachmentRejectedException.UnsupportedType(sniffed, _allowedTypes);
    }

    private string PathFor(string storageKey)
    {
        if (!IsStorageKey(storageKey))
        {
            throw new ArgumentException("Not an attachment storage key (expected yyyy/MM/ and 32 hex digits).", nameof(storageKey));
        }

        var path = Path.GetFullPath(Path.Combine(Folder, storageKey.Replace('/', Path.DirectorySeparatorChar)));

        // The key's shape already rules out escaping the folder; this keeps it so if the shape is ever loosened.
        if (!path.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The storage key points outside the attachment folder.", nameof(storageKey));
        }

        return path;
    }

    private void DeleteIncoming(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The upload's own failure is what the caller must see; a leftover .part file is only wasted space.
            LogIncomingNotDeleted(_logger, exception, temp);
        }
    }

    private static FileStreamOptions WriteOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the service account only, and never executable.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [GeneratedRegex(@"^[0-9]{4}/(0[1-9]|1[0-2])/[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex StorageKeyPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the refused upload's temp file {TempFile}")]
    private static partial void LogIncomingNotDeleted(ILogger logger, Exception exception, string tempFile);
}
