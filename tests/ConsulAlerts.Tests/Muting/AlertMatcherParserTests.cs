using System.Text.Json;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Tests.Muting;

public sealed class AlertMatcherParserTests
{
    [Fact]
    public void Parse_ValidList_EveryMatcherWithDefaults()
    {
        var problems = new List<string>();

        var matchers = Parse("""[{"name":"node","value":"web-1"},{"Name":"service","Value":"api|web","IsRegex":true,"IsEqual":false}]""", problems);

        problems.ShouldBeEmpty();
        matchers.Select(m => m.ToString()).ShouldBe(["node=\"web-1\"", "service!~\"api|web\""]);
    }

    [Theory]
    [InlineData("{}", "matchers: expected an array of matchers")]
    [InlineData("[1]", "matchers[0]: expected an object")]
    [InlineData("""[{"name":"alertname","value":"x"}]""", "matchers[0].name: unknown label")]
    [InlineData("""[{"value":"x"}]""", "matchers[0].name: required")]
    [InlineData("""[{"name":"node"}]""", "matchers[0].value: required")]
    [InlineData("""[{"name":"node","value":5}]""", "matchers[0].value: expected a string")]
    [InlineData("""[{"name":"node","value":"x","isRegex":"yes"}]""", "matchers[0].isRegex: expected true or false")]
    [InlineData("""[{"name":"node","value":"(","isRegex":true}]""", "matchers[0].value: not a valid regular expression")]
    [InlineData("""[{"name":"node","value":"x","extra":1}]""", "matchers[0]: unknown field")]
    [InlineData("""[{"name":"node","value":"a"},{"name":"nod","value":"b"}]""", "matchers[1].name: unknown label")]
    public void Parse_BadInput_NamesTheField(string json, string expected)
    {
        var problems = new List<string>();

        Parse(json, problems);

        problems.ShouldContain(p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InvalidRegex_NeverQuotesThePattern()
    {
        var problems = new List<string>();

        Parse("""[{"name":"node","value":"secret-token-(","isRegex":true}]""", problems);

        problems.ShouldHaveSingleItem().ShouldNotContain("secret-token");
    }

    [Fact]
    public void Parse_TooManyMatchers_Refused()
    {
        var problems = new List<string>();
        var json = "[" + string.Join(',', Enumerable.Repeat("""{"name":"node","value":"a"}""", AlertMatcherParser.MaxMatchers + 1)) + "]";

        Parse(json, problems).ShouldBeEmpty();

        problems.ShouldHaveSingleItem().ShouldContain($"more than {AlertMatcherParser.MaxMatchers}");
    }

    private static List<AlertMatcher> Parse(string json, List<string> problems)
    {
        using var document = JsonDocument.Parse(json);
        return AlertMatcherParser.Parse(document.RootElement, "matchers", "k", problems);
    }
}
