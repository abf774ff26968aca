using Tongguan.Cases.Audit;

namespace Tongguan.Integration.Tests.Audit;

public sealed class AuditValuesTests
{
    [Theory]
    [InlineData("ReporterPhone", "13987654321", "139****4321")]
    [InlineData("ReporterName", "欧阳娜娜", "欧***")]
    [InlineData("PasswordHash", "AQAAAAIAAYagAAAAE…", AuditValues.Redacted)]
    [InlineData("ReporterPhoneHash", "9f86d081884c7d65", AuditValues.Redacted)]
    [InlineData("Email", "chen.ming@example.org", AuditValues.Redacted)]
    [InlineData("Text", "请回电13987654321，身份证110101199003074518", "请回电139****4321，身份证1101**********4518")]
    [InlineData("Status", "Assigned", "Assigned")]
    public void Protect_MasksPersonalDataAndRedactsSecrets_ButKeepsOrdinaryValues(string property, string value, string expected)
    {
        Assert.Equal(expected, AuditValues.Protect(property, value));
    }

    [Fact]
    public void Protect_KeepsALongValueAsItsHash()
    {
        var xml = new string('x', AuditValues.LongValue + 1);

        var kept = (string)AuditValues.Protect("Xml", xml)!;

        Assert.StartsWith("sha256:", kept, StringComparison.Ordinal);
        Assert.EndsWith($"({AuditValues.LongValue + 1} chars)", kept, StringComparison.Ordinal);
        Assert.Equal(kept, AuditValues.Protect("Xml", xml));
    }

    [Fact]
    public void HashOf_ChangesWithAnyColumnAndWithThePreviousHash()
    {
        var entry = new AuditEntry { Sequence = 7, ChainPosition = 3, At = new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), Actor = "a", Action = "cases.added", SubjectType = "cases", SubjectId = "1", After = "{}" };
        var hash = AuditChain.HashOf(AuditChain.Genesis, entry);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, AuditChain.HashOf(AuditChain.Genesis, entry));
        Assert.NotEqual(hash, AuditChain.HashOf(new string('1', 64), entry));
        Assert.NotEqual(hash, AuditChain.HashOf(AuditChain.Genesis, new AuditEntry { Sequence = 7, ChainPosition = 3, At = entry.At, Actor = "a", Action = "cases.added", SubjectType = "cases", SubjectId = "1", After = "{ }" }));
        Assert.NotEqual(hash, AuditChain.HashOf(AuditChain.Genesis, new AuditEntry { Sequence = 7, ChainPosition = 3, At = entry.At.ToOffset(TimeSpan.FromHours(8)).AddTicks(1), Actor = "a", Action = "cases.added", SubjectType = "cases", SubjectId = "1", After = "{}" }));
        Assert.Equal(hash, AuditChain.HashOf(AuditChain.Genesis, new AuditEntry { Sequence = 7, ChainPosition = 3, At = entry.At.ToOffset(TimeSpan.FromHours(8)), Actor = "a", Action = "cases.added", SubjectType = "cases", SubjectId = "1", After = "{}" }));
    }
}
