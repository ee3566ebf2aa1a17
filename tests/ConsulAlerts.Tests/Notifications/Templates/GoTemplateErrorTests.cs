using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Templates;

public sealed class GoTemplateErrorTests
{
    private static readonly Dictionary<string, object?> Data = new()
    {
        ["List"] = new List<object?> { "a" },
        ["Msg"] = new Message { Node = "n1" },
    };

    [Theory]
    [InlineData("line one\n{{.A", 2, 1, "unclosed action")]
    [InlineData("{{foo .A}}", 1, 3, "function \"foo\" not defined")]
    [InlineData("a\nb {{end}}", 2, 5, "unexpected {{end}}")]
    [InlineData("{{else}}", 1, 3, "unexpected {{else}}")]
    [InlineData("x\ny\n{{ if .A }}ab{{ .B } }}", 3, 20, "unexpected \"}\" in operand")]
    [InlineData("{{if .A}}\nnever closed", 2, 13, "unexpected EOF")]
    [InlineData("{{range .A}}{{else}}{{else}}{{end}}", 1, 23, "expected end; found {{else}}")]
    [InlineData("{{$x}}", 1, 3, "undefined variable \"$x\"")]
    [InlineData("{{if .A}}{{$x := 1}}{{end}}{{$x}}", 1, 30, "undefined variable \"$x\"")]
    [InlineData("{{/* never closed", 1, 1, "unclosed comment")]
    [InlineData("{{\"abc}}", 1, 3, "unterminated quoted string")]
    [InlineData("{{}}", 1, 3, "missing value for command")]
    [InlineData("{{.A | 1}}", 1, 8, "non executable command in pipeline stage 2")]
    [InlineData("{{template \"x\"}}", 1, 3, "{{template}} is not supported")]
    [InlineData("{{(.A}}", 1, 6, "unclosed left paren")]
    [InlineData("{{1.2.3}}", 1, 3, "bad number syntax: \"1.2.3\"")]
    public void Parse_MalformedTemplate_ThrowsWithGoMessageAndLocation(string template, int line, int column, string detail)
    {
        var error = Should.Throw<GoTemplateException>(() => GoTemplate.Parse("t", template));

        error.ShouldSatisfyAllConditions(
            () => error.Detail.ShouldBe(detail),
            () => error.Line.ShouldBe(line),
            () => error.Column.ShouldBe(column),
            () => error.Message.ShouldBe($"template: t:{line}:{column}: {detail}"));
    }

    // Found by GoTemplatePropertyTests ("-1.Node{{with 09%v*/}}", shrunk): "09" threw FormatException. The escapes and
    // numbers below went through the same conversions (Convert, char.ConvertFromUtf32, int hex) and threw likewise.
    [Theory]
    [InlineData("-1.Node{{with 09%v*/}}", 1, 17, "unexpected \"%\" in operand")]
    [InlineData("{{\"\\ud800\"}}", 1, 3, "invalid syntax")]
    [InlineData("{{\"\\U00110000\"}}", 1, 3, "invalid syntax")]
    [InlineData("{{\"\\UFFFFFFFF\"}}", 1, 3, "invalid syntax")]
    [InlineData("{{\"\\19x\"}}", 1, 3, "invalid syntax")]
    [InlineData("{{\"\\400\"}}", 1, 3, "invalid syntax")]
    [InlineData("{{'\\udfff'}}", 1, 3, "invalid syntax")]
    [InlineData("{{0b11111111111111111111111111111111111111111111111111111111111111111}}", 1, 3,
        "bad number syntax: \"0b11111111111111111111111111111111111111111111111111111111111111111\"")]
    [InlineData("{{9223372036854775808}}", 1, 3, "9223372036854775808 overflows int")]
    [InlineData("{{0x8000000000000000}}", 1, 3, "0x8000000000000000 overflows int")]
    [InlineData("{{0o9}}", 1, 3, "bad number syntax: \"0o9\"")]
    [InlineData("{{0b102}}", 1, 3, "bad number syntax: \"0b102\"")]
    public void Parse_BadEscapeOrNumber_TemplateErrorNotACrash(string template, int line, int column, string detail)
    {
        var error = Should.Throw<GoTemplateException>(() => GoTemplate.Parse("t", template));

        error.ShouldSatisfyAllConditions(
            () => error.Detail.ShouldBe(detail),
            () => error.Line.ShouldBe(line),
            () => error.Column.ShouldBe(column));
    }

    // Deep nesting overflowed the stack in the recursive parser, which ends the process rather than throwing.
    [Theory]
    [InlineData("{{", "(", "1", ")", "}}")]
    [InlineData("", "{{if 1}}", "x", "{{end}}", "")]
    [InlineData("", "{{with 1}}{{range .}}", "x", "{{end}}{{end}}", "")]
    public void Parse_NestedDeeperThanTheLimit_TemplateErrorNotAStackOverflow(string before, string open, string middle, string close, string after)
    {
        var template = before + string.Concat(Enumerable.Repeat(open, 100_000)) + middle + string.Concat(Enumerable.Repeat(close, 100_000)) + after;

        var error = Should.Throw<GoTemplateException>(() => GoTemplate.Parse("t", template));

        error.Detail.ShouldBe($"max nesting depth ({TemplateParser.MaxDepth}) exceeded");
    }

    [Fact]
    public void Execute_NestedToTheLimit_RendersOnASmallStack()
    {
        var template = "{{" + new string('(', TemplateParser.MaxDepth - 1) + "print 1" + new string(')', TemplateParser.MaxDepth - 1) + "}}"
            + string.Concat(Enumerable.Repeat("{{if 1}}", TemplateParser.MaxDepth)) + "x" + string.Concat(Enumerable.Repeat("{{end}}", TemplateParser.MaxDepth));
        string? output = null;

        // 512 KiB, a third of a thread-pool thread's stack: the limit leaves room.
        var thread = new Thread(() => output = GoTemplate.Parse("t", template).Execute(null), 512 * 1024);
        thread.Start();
        thread.Join();

        output.ShouldBe("1x");
    }

    [Fact]
    public void Parse_CharacterConstantOfALoneSurrogate_TemplateErrorNotACrash()
    {
        var template = "{{'" + '\uD800' + "'}}";

        var error = Should.Throw<GoTemplateException>(() => GoTemplate.Parse("t", template));

        error.Detail.ShouldStartWith("malformed character constant");
        error.Column.ShouldBe(3);
    }

    [Theory]
    [InlineData("ok\n  {{.Msg.Nope}}", 2, 5, "executing \"t\" at <.Msg.Nope>: can't evaluate field Nope in type Message")]
    [InlineData("{{.Msg.Node 1}}", 1, 3, "executing \"t\" at <.Msg.Node>: Node has arguments but cannot be invoked as function")]
    [InlineData("{{index .List 5}}", 1, 3, "executing \"t\" at <index>: error calling index: index out of range: 5")]
    [InlineData("{{len .List 2}}", 1, 3, "executing \"t\" at <len>: wrong number of args for len: want 1 got 2")]
    [InlineData("{{eq 1 1.5}}", 1, 3, "executing \"t\" at <eq>: error calling eq: incompatible types for comparison")]
    [InlineData("{{lt true false}}", 1, 3, "executing \"t\" at <lt>: error calling lt: invalid type for comparison")]
    [InlineData("{{nil}}", 1, 3, "executing \"t\" at <nil>: nil is not a command")]
    [InlineData("{{range true}}{{end}}", 1, 3, "executing \"t\": range can't iterate over true")]
    public void Execute_RuntimeFailure_ThrowsWithLocation(string template, int line, int column, string detail)
    {
        var parsed = GoTemplate.Parse("t", template);

        var error = Should.Throw<GoTemplateException>(() => parsed.Execute(Data));

        error.ShouldSatisfyAllConditions(
            () => error.Detail.ShouldBe(detail),
            () => error.Line.ShouldBe(line),
            () => error.Column.ShouldBe(column));
    }

    [Theory]
    [InlineData("{{printf \"%9999999999d\" 1}}", "%!(NOVERB)%!(EXTRA int=1)")]
    [InlineData("{{printf \"%99999999d|\" 1}}", "%!(NOVERB)%!(EXTRA int=1)")]
    [InlineData("{{printf \"%.99999999999f\" 1.5}}", "%!(NOVERB)%!(EXTRA float64=1.5)")]
    [InlineData("{{printf \"%3d|%.2f\" 1 1.5}}", "  1|1.50")]
    public void Execute_PrintfWidthOrPrecisionPastAMillion_SwallowsTheRestLikeGo(string template, string expected)
    {
        GoTemplate.Parse("t", template).Execute(Data).ShouldBe(expected);
    }

    [Theory]
    [InlineData("{{range 2000000000}}{{end}}", "execution exceeds 1000 steps")]
    [InlineData("{{range 100000000}}{{printf \"%999d\" 1}}{{end}}", "output exceeds 5000 characters")]
    [InlineData("{{$s := printf \"%999d\" 1}}{{$s = printf \"%s%s\" $s $s}}{{$s = printf \"%s%s\" $s $s}}{{$s = printf \"%s%s\" $s $s}}{{len $s}}", "error calling printf: result exceeds 5000 characters")]
    [InlineData("{{range 100000000}}{{$s := printf \"%999d\" 1}}{{end}}", "error calling printf: function results exceed 20000 characters in all")]
    public void Execute_UnboundedWork_FailsWithTheLimitItPassed(string template, string detail)
    {
        // The limits lowered, so that passing them is quick; the defaults are the same code with larger numbers.
        var options = GoTemplateOptions.Text with { MaxSteps = 1000, MaxOutputChars = 5000, MaxComputedChars = 20_000 };

        var error = Should.Throw<GoTemplateException>(() => GoTemplate.Parse("t", template, options).Execute(Data));

        error.Detail.ShouldEndWith(detail);
    }

    [Fact]
    public void Execute_DefaultLimits_StopALoopOverAHugeInteger()
    {
        var error = Should.Throw<GoTemplateException>(() => GoTemplate.Parse("t", "{{range 2000000000}}{{end}}").Execute(Data));

        error.Detail.ShouldEndWith($"execution exceeds {GoTemplateOptions.Text.MaxSteps} steps");
    }

    [Theory]
    [InlineData("{{printf \"%c|%q\" 2147483647 2147483647}}", "\uFFFD|'\uFFFD'")]
    [InlineData("{{printf \"%c|%q\" 55296 -1}}", "\uFFFD|'\uFFFD'")]
    [InlineData("{{printf \"%c|%q\" 65 128512}}", "A|'\U0001F600'")]
    public void Execute_PrintfCharOfNoUnicodeScalar_PrintsReplacementCharacterLikeGo(string template, string expected)
    {
        GoTemplate.Parse("t", template).Execute(Data).ShouldBe(expected);
    }
}
