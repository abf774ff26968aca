using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

public sealed class CandidateGroupTests
{
    private static ReferenceDataSnapshot Data => ShippedReferenceData.Snapshot;

    [Fact]
    public void CandidateGroup_IsRoleAtUnit_AndParsesBack()
    {
        var group = new CandidateGroup(Roles.Officer, "D01-chengguan");

        Assert.Equal("officer@D01-chengguan", group.ToString());
        Assert.True(CandidateGroup.TryParse("officer@D01-chengguan", out var parsed));
        Assert.Equal(group, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("officer")]
    [InlineData("@D01")]
    [InlineData("officer@")]
    [InlineData("officer@D01@x")]
    public void TryParse_RefusesTextThatIsNotRoleAtUnit(string? text)
    {
        Assert.False(CandidateGroup.TryParse(text, out var group));
        Assert.Null(group);
    }

    [Fact]
    public void CandidateGroupFor_NamesTheGroupOfARoleInAUnit()
    {
        Assert.Equal("verifier@D01-S01-C01", Data.CandidateGroupFor(Roles.Verifier, "D01-S01-C01").ToString());
    }

    [Fact]
    public void CandidateGroupFor_Throws_ForAnUnknownRoleOrUnit()
    {
        Assert.Throws<ArgumentException>(() => Data.CandidateGroupFor("boss", "D01"));
        Assert.Throws<ArgumentException>(() => Data.CandidateGroupFor(Roles.Officer, "D99"));
    }

    [Fact]
    public void CandidateGroupsOf_GivesOneGroupPerRoleInTheUsersOwnUnit()
    {
        var groups = Data.CandidateGroupsOf("song.tao").Select(g => g.ToString());

        Assert.Equal(["verifier@D02-S01-C02", "officer@D02-S01-C02"], groups);
        Assert.Empty(Data.CandidateGroupsOf("nobody"));
    }

    [Fact]
    public void UsersIn_ListsTheUsersHoldingTheRoleInThatUnitOnly()
    {
        var officers = Data.UsersIn(new CandidateGroup(Roles.Officer, "D01-chengguan")).Select(u => u.Id);

        Assert.Equal(["wu.gang", "zheng.kai"], officers);
        Assert.Empty(Data.UsersIn(new CandidateGroup(Roles.Officer, "D01")));
    }

    [Fact]
    public void RoutedCase_IsOfferedToTheOfficersOfTheUnit()
    {
        var decision = Data.Route("S0501", "D01-S02-C01-G01");

        Assert.NotEmpty(Data.UsersIn(decision.CandidateGroup));
    }
}
