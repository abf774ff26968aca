using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Cases.Attachments;

namespace Tongguan.Cases.Tests.Attachments;

public sealed class AttachmentStoreTests : IDisposable
{
    // 07:00 on 1 April in Shanghai is still 31 March in UTC, the time the keys are dated in.
    private static readonly DateTimeOffset Now = new(2025, 4, 1, 7, 0, 0, TimeSpan.FromHours(8));

    private readonly TempAttachmentFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<byte[], string, string> AcceptedFiles => new()
    {
        { AttachmentSamples.Jpeg, ContentSniffer.Jpeg, "现场.jpg" },
        { AttachmentSamples.Png, ContentSniffer.Png, "现场.png" },
        { AttachmentSamples.Gif89, ContentSniffer.Gif, "现场.gif" },
        { AttachmentSamples.WebP, ContentSniffer.WebP, "现场.webp" },
        { AttachmentSamples.Pdf, ContentSniffer.Pdf, "现场.pdf" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public async Task SaveAsync_StoresEachSupportedType_UnderAGeneratedKeyDatedInUtc(byte[] file, string contentType, string fileName)
    {
        var store = Store();

        var stored = await store.SaveAsync(new MemoryStream(file), "现场", CancellationToken.None);

        Assert.Equal(contentType, stored.ContentType);
        Assert.Equal(file.Length, stored.Length);
        Assert.Equal(fileName, stored.FileName);
        Assert.Equal($"2025/03/{stored.Id:N}", stored.StorageKey);
        Assert.True(AttachmentStore.IsStorageKey(stored.StorageKey));
        var path = Path.Combine(_folder.Path, "2025", "03", stored.Id.ToString("N"));
        Assert.Equal([path], _folder.Files());
        Assert.Equal(file, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task SaveAsync_IgnoresTheDeclaredName_WhenJudgingTheType()
    {
        var exception = await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => Store().SaveAsync(new MemoryStream(AttachmentSamples.Html), "holiday-photo.jpg", CancellationToken.None));

        Assert.Equal(AttachmentRejectionReason.UnsupportedType, exception.Reason);
        Assert.Equal("Only JPEG, PNG, WebP, GIF, HEIC, HEIF images and PDF documents are accepted; this file looks like HTML.", exception.Message);
        Assert.Empty(_folder.Files());
    }

    [Theory]
    [InlineData("svg", "this file looks like an SVG image.")]
    [InlineData("exe", "this file looks like a Windows program.")]
    [InlineData("random", "this file's type is not recognised.")]
    public async Task SaveAsync_RejectsSvgExecutablesAndUnknownBytes_LeavingNothingBehind(string kind, string explanation)
    {
        var file = kind switch
        {
            "svg" => AttachmentSamples.Svg,
            "exe" => AttachmentSamples.Exe,
            _ => AttachmentSamples.Random,
        };

        var exception = await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => Store().SaveAsync(new MemoryStream(file), "photo.png", CancellationToken.None));

        Assert.Equal(AttachmentRejectionReason.UnsupportedType, exception.Reason);
        Assert.EndsWith(explanation, exception.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task SaveAsync_RejectsASupportedTypeThatIsNotAllowed()
    {
        var options = new AttachmentOptions();
        options.AllowedTypes.Clear();
        options.AllowedTypes.Add(ContentSniffer.Png);

        var exception = await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => Store(options).SaveAsync(new MemoryStream(AttachmentSamples.Jpeg), "a.jpg", CancellationToken.None));

        Assert.Equal("Only PNG images are accepted; this file looks like a JPEG image.", exception.Message);
    }

    [Fact]
    public async Task SaveAsync_StopsReadingAnUnsupportedFile_AfterItsFirstBytes()
    {
        var html = AttachmentSamples.Html;
        var endless = new UnknownLengthStream(i => i < html.Length ? html[i] : (byte)' ');

        await Assert.ThrowsAsync<AttachmentRejectedException>(() => Store().SaveAsync(endless, null, CancellationToken.None));

        Assert.InRange(endless.BytesRead, ContentSniffer.HeaderLength, 128 * 1024);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task SaveAsync_RejectsAFileOverTheLimit_ByItsKnownLength()
    {
        var file = AttachmentSamples.WithFiller([0xFF, 0xD8, 0xFF], (int)(12.3 * 1024 * 1024) - 1000);

        var exception = await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => Store().SaveAsync(new MemoryStream(file), "big.jpg", CancellationToken.None));

        Assert.Equal(AttachmentRejectionReason.TooLarge, exception.Reason);
        Assert.Equal("The file is 12.3 MB; the limit is 10 MB.", exception.Message);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task SaveAsync_StopsOneBytePastTheLimit_AndDeletesTheTempFile_WhenTheLengthIsUnknown()
    {
        var jpeg = AttachmentSamples.Jpeg;
        var endless = new UnknownLengthStream(i => jpeg[i % jpeg.Length]);
        var options = new AttachmentOptions { MaxBytes = 4096 };

        var exception = await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => Store(options).SaveAsync(endless, "big.jpg", CancellationToken.None));

        Assert.Equal(AttachmentRejectionReason.TooLarge, exception.Reason);
        Assert.Equal("The file is larger than the limit of 4 KB.", exception.Message);
        Assert.Equal(4097, endless.BytesRead);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task SaveAsync_AcceptsAFileOfExactlyTheLimit()
    {
        var file = AttachmentSamples.WithFiller([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 4096);
        var upload = new UnknownLengthStream(i => file[i], file.Length);

        var stored = await Store(new AttachmentOptions { MaxBytes = 4096 }).SaveAsync(upload, "a.png", CancellationToken.None);

        Assert.Equal(4096, stored.Length);
        Assert.Single(_folder.Files());
    }

    [Fact]
    public async Task SaveAsync_RejectsAnEmptyFile()
    {
        var seekable = await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => Store().SaveAsync(new MemoryStream(), "a.jpg", CancellationToken.None));
        var streamed = await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => Store().SaveAsync(new UnknownLengthStream(_ => 0, 0), "a.jpg", CancellationToken.None));

        Assert.Equal(AttachmentRejectionReason.Empty, seekable.Reason);
        Assert.Equal(AttachmentRejectionReason.Empty, streamed.Reason);
        Assert.Equal("The file is empty.", streamed.Message);
        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task SaveAsync_ComputesTheSha256OfTheContent()
    {
        var file = AttachmentSamples.WithFiller([0xFF, 0xD8, 0xFF], 300_000);

        var stored = await Store().SaveAsync(new UnknownLengthStream(i => file[i], file.Length), "a.jpg", CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), stored.Sha256);
        Assert.Equal(file.Length, stored.Length);
    }

    [Fact]
    public async Task SaveAsync_LeavesNothingBehind_WhenCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store().SaveAsync(new MemoryStream(AttachmentSamples.Jpeg), "a.jpg", cancellation.Token));

        Assert.Empty(_folder.Files());
    }

    [Fact]
    public async Task SaveAsync_GivesEveryUploadItsOwnKey_EvenWithTheSameName()
    {
        var store = Store();

        var first = await store.SaveAsync(new MemoryStream(AttachmentSamples.Jpeg), "a.jpg", CancellationToken.None);
        var second = await store.SaveAsync(new MemoryStream(AttachmentSamples.Jpeg), "a.jpg", CancellationToken.None);

        Assert.NotEqual(first.StorageKey, second.StorageKey);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(2, _folder.Files().Count);
    }

    [Fact]
    public async Task OpenReadAsync_ReturnsTheStoredBytes_AndDeleteAsyncRemovesThem()
    {
        var store = Store();
        var stored = await store.SaveAsync(new MemoryStream(AttachmentSamples.Pdf), "scan.pdf", CancellationToken.None);

        await using (var stream = await store.OpenReadAsync(stored.StorageKey, CancellationToken.None))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(AttachmentSamples.Pdf, copy.ToArray());
        }

        await store.DeleteAsync(stored.StorageKey, CancellationToken.None);
        await store.DeleteAsync(stored.StorageKey, CancellationToken.None);

        Assert.Empty(_folder.Files());
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(stored.StorageKey, CancellationToken.None));
    }

    [Theory]
    [InlineData("../secret")]
    [InlineData("2025/03/../../secret")]
    [InlineData("2025/03/../../../secret")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("2025\\03\\0123456789abcdef0123456789abcdef")]
    [InlineData("2025/13/0123456789abcdef0123456789abcdef")]
    [InlineData("2025/03/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("2025/03/0123456789abcdef0123456789abcdef.html")]
    [InlineData("2025/03/0123456789abcdef0123456789abcdef\n")]
    [InlineData("/2025/03/0123456789abcdef0123456789abcdef")]
    [InlineData(".incoming/0123456789abcdef0123456789abcdef.part")]
    [InlineData("")]
    public async Task OpenReadAndDelete_RefuseKeysTheStoreDidNotGenerate(string forged)
    {
        var store = Store();
        var secret = Path.Combine(_folder.Root, "secret");
        await File.WriteAllTextAsync(secret, "not for you");

        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(forged, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(forged, CancellationToken.None));
        Assert.False(AttachmentStore.IsStorageKey(forged));
        Assert.True(File.Exists(secret));
    }

    [Fact]
    public async Task OpenReadAsync_RefusesAnAbsolutePathToAStoredFile()
    {
        var store = Store();
        var stored = await store.SaveAsync(new MemoryStream(AttachmentSamples.Png), "a.png", CancellationToken.None);
        var absolute = Path.Combine(_folder.Path, "2025", "03", stored.Id.ToString("N"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(absolute, CancellationToken.None));
    }

    private AttachmentStore Store(AttachmentOptions? options = null) =>
        new(options ?? new AttachmentOptions(), _folder.Path, new FakeTimeProvider(Now));
}
