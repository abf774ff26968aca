namespace Tongguan.Cases.Tests.Attachments;

/// <summary>A fresh folder under the temp path, deleted with everything in it.</summary>
internal sealed class TempAttachmentFolder : IDisposable
{
    public TempAttachmentFolder()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tongguan-attachments-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The parent of <see cref="Path"/>, where a forged key would try to reach.</summary>
    public string Root { get; }

    /// <summary>The attachment folder itself (created by the store).</summary>
    public string Path => System.IO.Path.Combine(Root, "attachments");

    /// <summary>Every file below the attachment folder, temp files included.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.Exists(Path) ? Directory.GetFiles(Path, "*", SearchOption.AllDirectories) : [];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>An upload whose length is unknown up front (like a chunked request body) and that counts what was read.</summary>
internal sealed class UnknownLengthStream(Func<long, byte> content, long length = long.MaxValue) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - BytesRead);
        for (var i = 0; i < n; i++)
        {
            buffer[offset + i] = content(BytesRead + i);
        }

        BytesRead += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
