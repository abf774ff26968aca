using System.Text;

namespace Tongguan.Cases.Tests.Attachments;

/// <summary>Files that start like the real thing: the magic bytes, then filler that is no format's signature.</summary>
internal static class AttachmentSamples
{
    public static byte[] Jpeg => WithFiller([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F']);

    public static byte[] Png => WithFiller([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);

    public static byte[] Gif87 => WithFiller("GIF87a"u8.ToArray());

    public static byte[] Gif89 => WithFiller("GIF89a"u8.ToArray());

    public static byte[] WebP => WithFiller([.. "RIFF"u8, 0x24, 0x08, 0x00, 0x00, .. "WEBPVP8 "u8]);

    public static byte[] Heic => WithFiller([0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8]);

    public static byte[] Heif => WithFiller([0x00, 0x00, 0x00, 0x18, .. "ftypmif1"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1miaf"u8]);

    /// <summary>An MP4 video: the same box structure as HEIF, another brand.</summary>
    public static byte[] Mp4 => WithFiller([0x00, 0x00, 0x00, 0x18, .. "ftypisom"u8, 0x00, 0x00, 0x02, 0x00, .. "isomiso2"u8]);

    public static byte[] Pdf => WithFiller("%PDF-1.7\n"u8.ToArray());

    public static byte[] Html => Text("<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>");

    public static byte[] Svg => Text("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");

    public static byte[] Exe => WithFiller("MZ"u8.ToArray());

    /// <summary>Bytes from no known format.</summary>
    public static byte[] Random => Filler(2048);

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] WithFiller(byte[] start, int length = 2048) => [.. start, .. Filler(length - start.Length)];

    private static byte[] Filler(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 37) + 11);
        }

        return bytes;
    }
}
