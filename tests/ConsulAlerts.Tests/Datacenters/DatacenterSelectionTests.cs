using ConsulAlerts.Datacenters;

namespace ConsulAlerts.Tests.Datacenters;

public sealed class DatacenterSelectionTests
{
    [Theory]
    [InlineData("", false, "")]
    [InlineData("  ", false, "")]
    [InlineData("all", true, "")]
    [InlineData("ALL", true, "")]
    [InlineData("dc1", false, "dc1")]
    [InlineData("dc1,dc2", false, "dc1|dc2")]
    [InlineData(" dc1 , dc2 ,dc1", false, "dc1|dc2")]
    [InlineData("us-east_1.b", false, "us-east_1.b")]
    public void Parse_Valid_Selection(string text, bool all, string names)
    {
        var selection = DatacenterSelection.Parse(text, out var error).ShouldNotBeNull();

        error.ShouldBeNull();
        selection.All.ShouldBe(all);
        selection.Names.ShouldBe(names.Length == 0 ? [] : names.Split('|'));
    }

    [Theory]
    [InlineData("dc1,", "empty name")]
    [InlineData("dc1,,dc2", "empty name")]
    [InlineData("dc 1", "not a datacenter name")]
    [InlineData("dc1/x", "not a datacenter name")]
    [InlineData("dc1?x=1", "not a datacenter name")]
    [InlineData("..", "not a datacenter name")]
    public void Parse_Invalid_ErrorNamesTheProblem(string text, string problem)
    {
        DatacenterSelection.Parse(text, out var error).ShouldBeNull();

        error.ShouldNotBeNull().ShouldContain(problem);
    }

    [Fact]
    public void Parse_TooManyNames_Refused()
    {
        var text = string.Join(",", Enumerable.Range(0, DatacenterSelection.MaxNames + 1).Select(i => $"dc{i}"));

        DatacenterSelection.Parse(text, out var error).ShouldBeNull();

        error.ShouldNotBeNull().ShouldContain("at most 64");
    }

    [Fact]
    public void Parse_HugeName_Refused() =>
        DatacenterSelection.Parse(new string('d', 65), out _).ShouldBeNull();

    [Theory]
    [InlineData("", true)]
    [InlineData("all", false)]
    [InlineData("dc2", false)]
    public void IsLocalOnly_BySelection(string text, bool expected) =>
        DatacenterSelection.Parse(text, out _)!.IsLocalOnly.ShouldBe(expected);
}
