using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Templates;

public sealed class TemplateMembersTests
{
    private sealed record Sample(string Name, IReadOnlyDictionary<string, int>? Map, IReadOnlyList<string>? List);

    private static readonly TemplateMembers Members = TemplateMembers.For<Sample>()
        .Field("Name", s => s.Name)
        .Method("Upper", s => s.Name.ToUpperInvariant())
        .Map("Map", s => s.Map)
        .List("List", s => s.List)
        .Build();

    [Fact]
    public void Find_ExactName_Getter()
    {
        var accessor = Members.Find("Upper").ShouldNotBeNull();

        accessor.IsMethod.ShouldBeTrue();
        accessor.Getter(new Sample("abc", null, null)).ShouldBe("ABC");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("NAME")]
    [InlineData("Missing")]
    public void Find_OtherCaseOrUnknown_Null(string name) =>
        Members.Find(name).ShouldBeNull();

    [Fact]
    public void Find_NullMapOrList_EmptyInstead()
    {
        var sample = new Sample("a", null, null);

        Members.Find("Map")!.Getter(sample).ShouldBeAssignableTo<IReadOnlyDictionary<string, int>>()!.Count.ShouldBe(0);
        Members.Find("List")!.Getter(sample).ShouldBeAssignableTo<IReadOnlyList<string>>()!.Count.ShouldBe(0);
    }

    [Fact]
    public void For_SameNameTwice_Throws() =>
        Should.Throw<ArgumentException>(() => TemplateMembers.For<Sample>().Field("Name", s => s.Name).Field("Name", s => s.Name));
}
