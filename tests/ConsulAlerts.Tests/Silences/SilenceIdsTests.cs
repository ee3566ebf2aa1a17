using ConsulAlerts.Silences;

namespace ConsulAlerts.Tests.Silences;

public sealed class SilenceIdsTests
{
    [Fact]
    public void NewId_Twice_DifferentWellFormedIds()
    {
        var first = SilenceIds.NewId();
        var second = SilenceIds.NewId();

        first.ShouldNotBe(second);
        SilenceIds.IsValid(first).ShouldBeTrue();
        first.ShouldMatch("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    }

    [Theory]
    [InlineData("0123abcd-4567-89ab-cdef-0123456789ab", true)]
    [InlineData("0123ABCD-4567-89ab-cdef-0123456789ab", false)]
    [InlineData("0123abcd-4567-89ab-cdef-0123456789a", false)]
    [InlineData("0123abcd/4567-89ab-cdef-0123456789ab", false)]
    [InlineData("0123abcd-4567-89ab-cdef-0123456789a\u0000", false)]
    [InlineData("../../config/notifiers/slack/url/xxxxx", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Table(string? id, bool expected)
    {
        SilenceIds.IsValid(id).ShouldBe(expected);
    }
}
