using Tongguan.Cases.Attachments;

namespace Tongguan.Cases.Tests.Attachments;

public sealed class ContentSnifferTests
{
    public static TheoryData<string, byte[]> SupportedFiles => new()
    {
        { ContentSniffer.Jpeg, AttachmentSamples.Jpeg },
        { ContentSniffer.Png, AttachmentSamples.Png },
        { ContentSniffer.Gif, AttachmentSamples.Gif87 },
        { ContentSniffer.Gif, AttachmentSamples.Gif89 },
        { ContentSniffer.WebP, AttachmentSamples.WebP },
        { ContentSniffer.Heic, AttachmentSamples.Heic },
        { ContentSniffer.Heif, AttachmentSamples.Heif },
        { ContentSniffer.Pdf, AttachmentSamples.Pdf },
    };

    public static TheoryData<byte[], string?> RefusedFiles => new()
    {
        { AttachmentSamples.Html, "HTML" },
        { AttachmentSamples.Text("\uFEFF  \n<html><head></head></html>"), "HTML" },
        { AttachmentSamples.Svg, "an SVG image" },
        { AttachmentSamples.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "an SVG image" },
        { AttachmentSamples.Text("<?xml version=\"1.0\"?><note/>"), "an XML document" },
        { AttachmentSamples.Exe, "a Windows program" },
        { AttachmentSamples.WithFiller([0x7F, 0x45, 0x4C, 0x46]), "a Linux program" },
        { AttachmentSamples.Text("#!/bin/sh\nrm -rf /"), "a script" },
        { AttachmentSamples.WithFiller([.. "PK"u8, 0x03, 0x04]), "a ZIP archive or Office document" },
        { AttachmentSamples.Mp4, null },
        { AttachmentSamples.Random, null },
        { AttachmentSamples.Text("just some text"), null },
    };

    [Theory]
    [MemberData(nameof(SupportedFiles))]
    public void Sniff_RecognisesEachSupportedType_FromItsMagicBytes(string expected, byte[] file)
    {
        var sniffed = ContentSniffer.Sniff(file);

        Assert.True(sniffed.IsSupported);
        Assert.Equal(expected, sniffed.ContentType);
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public void Sniff_RefusesMarkupProgramsAndUnknownBytes_SayingWhatTheyLookLike(byte[] file, string? looksLike)
    {
        var sniffed = ContentSniffer.Sniff(file);

        Assert.False(sniffed.IsSupported);
        Assert.Null(sniffed.ContentType);
        Assert.Equal(looksLike, sniffed.LooksLike);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8 })] // a JPEG cut short
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 })] // RIFF....WAVE, audio
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x38, 0x61 })] // GIF88a does not exist
    [InlineData(new byte[] { 0x20, 0x25, 0x50, 0x44, 0x46, 0x2D })] // " %PDF-" does not start the file
    [InlineData(new byte[0])]
    public void Sniff_RefusesNearMisses(byte[] file)
    {
        Assert.False(ContentSniffer.Sniff(file).IsSupported);
    }

    [Fact]
    public void DescribeAccepted_GroupsImagesAndDocuments()
    {
        Assert.Equal("JPEG, PNG, WebP, GIF, HEIC, HEIF images and PDF documents", ContentSniffer.DescribeAccepted(ContentSniffer.SupportedTypes));
        Assert.Equal("PNG images", ContentSniffer.DescribeAccepted(["IMAGE/PNG"]));
        Assert.Equal("PDF documents", ContentSniffer.DescribeAccepted([ContentSniffer.Pdf]));
    }
}
