using System.Text;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ConfigValueReaderTests
{
    private const string Key = "consul-alerts/config/checks/change-threshold";
    private const string Secret = "hunter2-secret";

    [Theory]
    [InlineData("30", true, 30)]
    [InlineData(" 0", true, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("1.5", false, 0)]
    [InlineData("99999999999", false, 0)]
    public void TrySeconds_Text_ParsesWholeNonNegativeSeconds(string text, bool ok, int seconds)
    {
        var reader = new ConfigValueReader();

        reader.TrySeconds(Key, text.Trim(), TimeSpan.FromSeconds(60), out var value).ShouldBe(ok);

        value.ShouldBe(TimeSpan.FromSeconds(seconds));
        reader.Problems.Count.ShouldBe(ok ? 0 : 1);
    }

    [Fact]
    public void TryText_InvalidUtf8_ReportsTheKeyWithoutTheValue()
    {
        var reader = new ConfigValueReader();

        reader.TryText(Key, [0x68, 0xC3, 0x28], out var text).ShouldBeFalse();

        text.ShouldBeEmpty();
        var problem = reader.Problems.ShouldHaveSingleItem();
        problem.Key.ShouldBe(Key);
        problem.OfTheValue.ShouldBeTrue();
    }

    [Fact]
    public void TryText_ByteOrderMarkAndWhitespace_Trimmed()
    {
        var reader = new ConfigValueReader();

        reader.TryText(Key, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(" 12\n")).ToArray(), out var text).ShouldBeTrue();

        text.ShouldBe("12");
    }

    [Fact]
    public void TryJson_BadJson_ReportsPositionNotTheSecret()
    {
        var reader = new ConfigValueReader();

        reader.TryJson(Key, $"{{\"password\": {Secret}}}", out _).ShouldBeFalse();

        var problem = reader.Problems.ShouldHaveSingleItem();
        problem.Problem.ShouldContain("line 1");
        problem.Problem.ShouldNotContain(Secret);
    }

    [Fact]
    public void TryJson_LoneSurrogate_Refused()
    {
        var reader = new ConfigValueReader();

        reader.TryJson(Key, "[\"\\ud800\"]", out _).ShouldBeFalse();

        reader.Problems.ShouldHaveSingleItem().Problem.ShouldContain("lone surrogate");
    }

    [Fact]
    public void TryStringArray_BadElements_SkippedAndEachReported()
    {
        var reader = new ConfigValueReader();

        reader.TryStringArray(Key, "[\"a\", 1, \"\", \" b \"]", "names", out var items).ShouldBeTrue();

        items.ShouldBe(["a", "b"]);
        reader.Problems.Count.ShouldBe(2);
    }

    [Fact]
    public void TryStringArray_NotSkipping_OneBadElementRejectsTheWhole()
    {
        var reader = new ConfigValueReader();

        reader.TryStringArray(Key, "[\"a\", 1]", "names", out _, skipBadElements: false).ShouldBeFalse();

        reader.Problems.ShouldHaveSingleItem().Consequence.ShouldBe("the whole value is ignored");
    }

    [Fact]
    public void TryRegex_InvalidPattern_NamesTheErrorKindNotThePattern()
    {
        var reader = new ConfigValueReader();

        reader.TryRegex(Key, $"({Secret}", "pattern 1", out _).ShouldBeFalse();

        var problem = reader.Problems.ShouldHaveSingleItem().Problem;
        problem.ShouldContain("insufficient closing parentheses");
        problem.ShouldNotContain(Secret);
    }

    [Fact]
    public void Admit_MoreKeysThanTheLimit_FalseAfterTheLimit()
    {
        var reader = new ConfigValueReader();

        var admitted = Enumerable.Range(0, 5).Select(_ => reader.Admit("notifiers/custom/", limit: 3)).ToList();

        admitted.ShouldBe([true, true, true, false, false]);
    }

    [Fact]
    public void ReportFolderLimits_FolderOverItsLimit_ReportedOnceWithTheCount()
    {
        var reader = new ConfigValueReader();

        for (var i = 0; i < ConfigLimits.MaxKeysPerFolder + 2; i++)
        {
            reader.Admit("checks/node/");
        }

        reader.ReportFolderLimits("consul-alerts/config/");

        var problem = reader.Problems.ShouldHaveSingleItem();
        problem.Key.ShouldBe("consul-alerts/config/checks/node/");
        problem.Problem.ShouldContain($"{ConfigLimits.MaxKeysPerFolder + 2} keys");
    }

    [Fact]
    public void Note_ProblemOfTheKey_NotOfTheValue()
    {
        var reader = new ConfigValueReader();

        reader.Unknown(Key);

        reader.Problems.ShouldHaveSingleItem().OfTheValue.ShouldBeFalse();
    }
}
