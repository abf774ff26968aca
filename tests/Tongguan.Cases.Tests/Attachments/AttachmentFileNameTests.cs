using System.Text;
using Tongguan.Cases.Attachments;

namespace Tongguan.Cases.Tests.Attachments;

public sealed class AttachmentFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd", ContentSniffer.Png, "passwd.png")]
    [InlineData("..\\..\\windows\\win.ini", ContentSniffer.Png, "win.ini.png")]
    [InlineData("C:\\Users\\li\\Desktop\\现场照片.jpg", ContentSniffer.Jpeg, "现场照片.jpg")]
    [InlineData("photo<1>:\"|?*.JPG", ContentSniffer.Jpeg, "photo1.JPG")]
    [InlineData("line\r\nbreak\t.png", ContentSniffer.Png, "linebreak.png")]
    [InlineData("invoice\u202Efdp.exe", ContentSniffer.Pdf, "invoicefdp.exe.pdf")]
    [InlineData("report.html", ContentSniffer.Jpeg, "report.html.jpg")]
    [InlineData("scan", ContentSniffer.Pdf, "scan.pdf")]
    [InlineData("photo.jpeg", ContentSniffer.Jpeg, "photo.jpeg")]
    [InlineData(" .hidden.gif. ", ContentSniffer.Gif, "hidden.gif")]
    public void Sanitise_StripsPathsAndUnsafeCharacters_AndMatchesTheExtensionToTheType(string original, string contentType, string expected)
    {
        Assert.Equal(expected, AttachmentFileName.Sanitise(original, contentType));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("..")]
    [InlineData("../")]
    [InlineData("<>|")]
    public void Sanitise_FallsBackToAttachment_WithTheSniffedExtension(string? original)
    {
        Assert.Equal("attachment.webp", AttachmentFileName.Sanitise(original, ContentSniffer.WebP));
    }

    [Fact]
    public void Sanitise_CutsLongNamesTo120Characters_KeepingTheExtension()
    {
        var name = AttachmentFileName.Sanitise(new string('x', 300) + ".jpg", ContentSniffer.Jpeg);

        Assert.Equal(AttachmentFileName.MaxLength, name.Length);
        Assert.Equal(new string('x', 116) + ".jpg", name);
    }

    [Fact]
    public void Sanitise_NeverCutsASurrogatePairInHalf()
    {
        var name = AttachmentFileName.Sanitise(new string('a', 115) + "😀😀😀.jpg", ContentSniffer.Jpeg);

        Assert.Equal(new string('a', 115) + ".jpg", name);
        Assert.DoesNotContain(Rune.ReplacementChar, name.EnumerateRunes());
    }
}
