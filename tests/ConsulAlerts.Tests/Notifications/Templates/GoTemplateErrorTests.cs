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
}
