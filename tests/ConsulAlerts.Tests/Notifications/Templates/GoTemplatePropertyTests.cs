using ConsulAlerts.Notifications.Templates;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Notifications.Templates;

/// <summary>
/// The template parser on generated text made of template syntax, near misses and arbitrary characters: it either
/// parses or throws <see cref="GoTemplateException"/> located at a real line and column of the text.
/// </summary>
public sealed class GoTemplatePropertyTests
{
    /// <summary>Pieces of template syntax, near misses and odd characters; the fuzz target builds on them.</summary>
    internal static readonly string[] Syntax =
    [
        "{{", "}}", "{{- ", " -}}", "{{/*", "*/}}", "*/", "{{end}}", "{{else}}", "{{ else if ", "{{if ", "{{range ", "{{with ",
        "{{define \"x\"}}", "{{template \"x\"}}", "{{break}}", "if", "else", "end", "range", "with", " ", "\n", "\t", "\r\n",
        ".", ".Node", ".Nodes", ".Status.Name", "$", "$x", "$k, $v", ":=", "=", "|", ",", "(", ")", "\"", "`", "'", "\\",
        "\\n", "\\u", "\\ud800", "\\U0010FFFF", "\\U7FFFFFFF", "\\UFFFFFFFF", "\\x", "\\xff", "\\777", "\\19", "\\0", "'a'",
        "'\\n'", "''", "'ab'", "0", "1", "-1", "+2", "09", "0x", "0xFF", "0x8000000000000000", "0b102", "0b" + new string('1', 70),
        "0o17", "0o9", "1e", "1e+", "1e400", "1.5", ".5", "1_000", "9223372036854775808", "true", "false", "nil",
        "printf", "print", "len", "index", "eq", "and", "or", "not", "html", "js", "urlquery", "slice", "foo",
        "%d", "%s", "%v", "x", "é", "日本", "\U0001F600", "\u0000", "\u007F", "#", "@", "{", "}",
    ];

    private static readonly Gen<string> Template = Gen.Frequency(
        (6, TextGen.Of(Syntax, 24)),
        (1, Gen.Select(TextGen.Of(Syntax, 12), TextGen.LoneSurrogate, TextGen.Of(Syntax, 12)).Select((a, b, c) => a + b + c)),
        (1, TextGen.Text(40)));

    [Fact]
    public void Parse_AnyText_ParsesOrThrowsTemplateErrorAtALineAndColumnOfTheText()
    {
        Template.Sample(text =>
        {
            try
            {
                GoTemplate.Parse("t", text);
            }
            catch (GoTemplateException error)
            {
                var lines = text.Split('\n');
                error.Line.ShouldBeInRange(1, lines.Length, text);
                error.Column.ShouldBeInRange(1, lines[error.Line - 1].Length + 1, text);
                error.Message.ShouldStartWith($"template: t:{error.Line}:{error.Column}: ", Case.Sensitive, text);
                error.Detail.ShouldNotBeNullOrWhiteSpace(text);
            }
        }, iter: 5_000);
    }
}
