using ConsulAlerts.Notifications.Templates;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Notifications.Templates;

/// <summary>
/// Fuzz target: random templates, mostly well formed so that they execute (loops over huge integers, printf with huge
/// widths, strings doubled through variables, deep nesting), parsed and executed against check data with hostile
/// outputs. Every one renders or fails with a <see cref="GoTemplateException"/>; none hangs or takes unbounded memory.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class GoTemplateFuzzTests
{
    // The execution limits lowered from their defaults, so that inputs that reach them are quick and many run.
    private const int MaxOutput = 1024 * 1024;

    private static readonly Gen<string> Number = Gen.Frequency(
        (4, Gen.Int[0, 20].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("1000000", "100000000", "2147483647", "2147483648", "9223372036854775807", "-5", "1e9", "0x7fffffff")));

    private static readonly Gen<string> Format = Gen.Select(
            Gen.OneOf("", "-", "0", "+", "#", " ", "-0"),
            Gen.Frequency((4, Gen.Const("")), (3, Number), (1, Gen.OneOf("999999", "1000001", "9999999", "99999999999"))),
            Gen.Frequency((4, Gen.Const("")), (1, Number.Select(n => "." + n)), (1, Gen.OneOf(".999999", ".99999999999"))),
            Gen.OneOf("d", "s", "v", "q", "x", "X", "f", "e", "g", "c", "b", "o", "t", "%", "", "!"))
        .Select((flags, width, precision, verb) => "%" + flags + width + precision + verb);

    private static readonly Gen<string> Operand = Gen.OneOf(
        Number,
        Gen.OneOf(".", ".ClusterName", ".SystemStatus", ".FailCount", ".Nodes", "$", "$.Nodes", ".Missing", "\"text\"", "`raw`", "nil", "true"),
        Gen.OneOf("(len .Nodes)", "(index .Nodes \"n1\")", "(slice \"abcdef\" 1 3)", "(printf \"%s\" .ClusterName)", "(html .ClusterName)", "(js .SystemStatus)"),
        Gen.Select(Format, Number).Select((f, n) => $"(printf \"{f}\" {n})"));

    private static readonly Gen<string> Leaf = Gen.OneOf(
        TextGen.Text(6),
        Operand.Select(o => $"{{{{{o}}}}}"),
        Gen.Select(Format, Operand).Select((f, o) => $"{{{{printf \"{f}\" {o}}}}}"),
        Gen.OneOf(GoTemplatePropertyTests.Syntax),
        Gen.Const("{{$s := printf \"%99999d\" 1}}{{$s = printf \"%s%s\" $s $s}}{{$s = printf \"%s%s\" $s $s}}{{len $s}}"),
        Gen.Const("{{range $k, $v := .Nodes}}{{$k}}:{{range $v}}{{.Node}} {{.Output}} {{.IsCritical}}{{end}}{{end}}"));

    private static readonly Gen<string> Template = Body(3).Array[1, 6].Select(string.Concat);

    [Fact]
    public Task ParseAndExecute_AnyTemplate_RendersOrFailsWithTemplateErrorInBoundedMemory() =>
        Fuzz.RunAsync(
            Gen.Select(Template, Gen.Bool),
            input =>
            {
                var (text, html) = input;
                GoTemplate template;
                try
                {
                    template = GoTemplate.Parse("fuzz", text, (html ? GoTemplateOptions.Html : GoTemplateOptions.Text) with { MaxOutputChars = MaxOutput, MaxComputedChars = 4 * MaxOutput, MaxSteps = 100_000 });
                }
                catch (GoTemplateException)
                {
                    return;
                }

                try
                {
                    template.Execute(Data).Length.ShouldBeLessThanOrEqualTo(MaxOutput);
                }
                catch (GoTemplateException error)
                {
                    error.Message.ShouldStartWith("template: fuzz:");
                }
            },
            maxBytesPerInput: 256L << 20,
            defaultSeconds: 4);

    private static readonly TemplateData Data = TemplateData.From("prod\n[ERR] forged", [
        Messages.Critical(node: "n1", output: new string('x', 64 * 1024)),
        Messages.Critical(node: "n2\r\n2026-01-01 [FTL] forged", output: "line\nbreak\u0000\u001b[31m<script>") with { Status = "warning" },
        Messages.Critical(node: "n1", checkId: "\u2028id") with { Status = "passing" },
    ]);

    // Text, actions and control structures nested up to depth levels.
    private static Gen<string> Body(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        var inner = Body(depth - 1).Array[0, 3].Select(string.Concat);
        return Gen.Frequency(
            (3, Leaf),
            (1, Gen.Select(Operand, inner).Select((o, b) => $"{{{{range {o}}}}}{b}{{{{end}}}}")),
            (1, Gen.Select(Operand, inner, inner).Select((o, a, b) => $"{{{{if {o}}}}}{a}{{{{else}}}}{b}{{{{end}}}}")),
            (1, Gen.Select(Operand, inner).Select((o, b) => $"{{{{with $x := {o}}}}}{b}{{{{$x}}}}{{{{end}}}}")));
    }
}
