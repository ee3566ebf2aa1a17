using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Templates;

public sealed class GoTemplateTests
{
    private static readonly Message Web = new()
    {
        Node = "node1", ServiceId = "web-1", Service = "web", CheckId = "service:web-1",
        Check = "HTTP on 80", Status = "critical", Output = "HTTP GET: 500",
    };

    private static readonly Dictionary<string, object?> Map = new()
    {
        ["Name"] = "alpha",
        ["Count"] = 3,
        ["Zero"] = 0,
        ["Empty"] = "",
        ["List"] = new List<object?> { "a", "b", "c" },
        ["EmptyList"] = new List<object?>(),
        ["Inner"] = new Dictionary<string, object?> { ["b"] = 2, ["a"] = 1, ["c"] = 3 },
        ["Msg"] = Web,
        ["Nil"] = null,
        ["Html"] = "<b>\"Tom\" & 'Jerry' +1</b>",
        ["Pi"] = 3.14159,
        ["True"] = true,
    };

    private static string Render(string text, object? data = null, GoTemplateOptions? options = null) =>
        GoTemplate.Parse("t", text, options).Execute(data ?? Map);

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("{{.Name}}", "alpha")]
    [InlineData("{{ .Name }}-{{.Count}}", "alpha-3")]
    [InlineData("{{.Missing}}", "<no value>")]
    [InlineData("{{.Nil}}", "<nil>")]
    [InlineData("{{.True}}", "true")]
    [InlineData("{{.Pi}}", "3.14159")]
    [InlineData("{{.Inner.b}}", "2")]
    [InlineData("{{.Inner}}", "map[a:1 b:2 c:3]")]
    [InlineData("{{.List}}", "[a b c]")]
    [InlineData("{{.Msg.Service}}/{{.Msg.Check}}", "web/HTTP on 80")]
    [InlineData("{{.Msg.IsCritical}} {{.Msg.IsPassing}}", "true false")]
    [InlineData("{{with .Msg}}{{.Node}}{{end}}", "node1")]
    [InlineData("{{with .Empty}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{with $x := .Name}}{{$x}}{{end}}", "alpha")]
    [InlineData("{{if .Count}}yes{{end}}", "yes")]
    [InlineData("{{if .Zero}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Missing}}yes{{else if .Empty}}empty{{else if .List}}list{{else}}none{{end}}", "list")]
    [InlineData("{{if .EmptyList}}a{{else if .Nil}}b{{else}}c{{end}}", "c")]
    [InlineData("{{range .List}}[{{.}}]{{end}}", "[a][b][c]")]
    [InlineData("{{range $i, $e := .List}}{{$i}}={{$e}} {{end}}", "0=a 1=b 2=c ")]
    [InlineData("{{range $e := .List}}{{$e}}{{end}}", "abc")]
    [InlineData("{{range $k, $v := .Inner}}{{$k}}{{$v}}{{end}}", "a1b2c3")]
    [InlineData("{{range .Inner}}{{.}}{{end}}", "123")]
    [InlineData("{{range .EmptyList}}x{{else}}empty{{end}}", "empty")]
    [InlineData("{{range .Missing}}x{{else}}none{{end}}", "none")]
    [InlineData("{{range 3}}{{.}}{{end}}", "012")]
    [InlineData("{{$x := 1}}{{$x}}{{$x = 2}}{{$x}}", "12")]
    [InlineData("{{$x := .Name}}{{range .List}}{{$x}}{{end}}", "alphaalphaalpha")]
    [InlineData("{{range .List}}{{$.Name}}{{end}}", "alphaalphaalpha")]
    [InlineData("{{.Name | printf \"%s!\"}}", "alpha!")]
    [InlineData("{{.Name | printf \"%s-%s\" \"x\"}}", "x-alpha")]
    [InlineData("{{(index .List 1)}}", "b")]
    [InlineData("{{(.Msg).Node}}", "node1")]
    [InlineData("{{printf \"%d\" (len .List)}}", "3")]
    [InlineData("{{/* a comment */}}x", "x")]
    [InlineData("{{\"a\\tb\\n\"}}", "a\tb\n")]
    [InlineData("{{`raw\\n`}}", "raw\\n")]
    [InlineData("{{'a'}}", "97")]
    [InlineData("{{1.5}} {{-2}} {{0x1F}} {{1e6}}", "1.5 -2 31 1e+06")]
    [InlineData("{{09}} {{0o17}} {{017}} {{0b101}} {{1_000}}", "9 15 15 5 1000")]
    [InlineData("{{-9223372036854775808}} {{9223372036854775807}}", "-9223372036854775808 9223372036854775807")]
    [InlineData("{{\"\\u00e9\\U0001F600\\101\\x41\"}}", "é😀AA")]
    [InlineData("{{true}} {{false}}", "true false")]
    [InlineData("{{print nil}}", "<nil>")]
    [InlineData("{{-3}}", "-3")]
    [InlineData("{{\"}}\"}}", "}}")]
    [InlineData("{{with .Missing}}a{{else with .Name}}{{.}}{{end}}", "alpha")]
    [InlineData("{{range $i, $e := .List}}{{if $i}},{{end}}{{$e}}{{end}}", "a,b,c")]
    [InlineData("{{$n := 0}}{{range .List}}{{$n = len .}}{{end}}{{$n}}", "1")]
    [InlineData("{{with .Msg}}{{$.Name}}/{{.Node}}{{end}}", "alpha/node1")]
    [InlineData("{{(index .Inner \"a\") | printf \"%03d\"}}", "001")]
    [InlineData("{{.Msg.Node | len | printf \"%d chars\"}}", "5 chars")]
    [InlineData("{{if and .Msg.IsCritical (eq .Msg.Node \"node1\")}}page{{end}}", "page")]
    public void Execute_Construct_RendersLikeGo(string template, string expected) =>
        Render(template).ShouldBe(expected);

    [Theory]
    [InlineData("a  {{- .Name -}}  b", "aalphab")]
    [InlineData("a \n\t{{- .Name}} b", "aalpha b")]
    [InlineData("a {{.Name -}} \n b", "a alphab")]
    [InlineData("a {{- /* c */ -}} b", "ab")]
    [InlineData("x\n{{- range .List}}\n  {{.}}\n{{- end}}\n", "x\n  a\n  b\n  c\n")]
    [InlineData("{{3 -}} {{- -3}}", "3-3")]
    public void Execute_TrimMarkers_TrimAdjacentWhitespace(string template, string expected) =>
        Render(template).ShouldBe(expected);

    [Theory]
    [InlineData("{{eq .Count 3}}", "true")]
    [InlineData("{{eq .Name \"beta\" \"alpha\"}}", "true")]
    [InlineData("{{eq .Msg.Status \"critical\"}}", "true")]
    [InlineData("{{eq .Missing \"x\"}}", "false")]
    [InlineData("{{ne .Count 3}}", "false")]
    [InlineData("{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 3 2}}", "true true false true")]
    [InlineData("{{lt \"a\" \"b\"}}", "true")]
    [InlineData("{{lt 1.5 2.5}}", "true")]
    [InlineData("{{and 1 0 2}} {{and 1 2}}", "0 2")]
    [InlineData("{{or 0 \"\" \"x\"}} {{or 0 \"\"}}", "x ")]
    [InlineData("{{and .Missing .Missing.Foo}}", "<no value>")]
    [InlineData("{{not .Zero}} {{not .List}}", "true false")]
    [InlineData("{{len .Name}} {{len .List}} {{len .Inner}} {{len \"é\"}}", "5 3 3 2")]
    [InlineData("{{index .List 2}} {{index .Inner \"a\"}} {{index .Inner \"zz\"}}", "c 1 <nil>")]
    [InlineData("{{print .Missing}} {{.Missing}}", "<nil> <no value>")]
    [InlineData("{{slice .Name 1 3}} {{slice .List 1}}", "lp [b c]")]
    [InlineData("{{print \"a\" 1 2 \"b\"}}", "a1 2b")]
    [InlineData("{{println \"a\" 1}}", "a 1\n")]
    [InlineData("{{html .Html}}", "&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39; +1&lt;/b&gt;")]
    [InlineData("{{js \"it's <x> \\\"q\\\"\\n\"}}", "it\\'s \\u003Cx\\u003E \\\"q\\\"\\u000A")]
    [InlineData("{{urlquery \"a b&c=d/é\"}}", "a+b%26c%3Dd%2F%C3%A9")]
    [InlineData("{{.Name | html | printf \"%q\"}}", "\"alpha\"")]
    public void Execute_Function_MatchesGoSemantics(string template, string expected) =>
        Render(template).ShouldBe(expected);

    [Theory]
    [InlineData("{{printf \"%s|%d|%v|%t\" \"a\" 42 .List true}}", "a|42|[a b c]|true")]
    [InlineData("{{printf \"%q\" \"a\\\"b\"}}", "\"a\\\"b\"")]
    [InlineData("{{printf \"%5d|%-5d|%05d\" 42 42 -42}}", "   42|42   |-0042")]
    [InlineData("{{printf \"%.2f|%f|%8.3f\" 3.14159 1.5 2.0}}", "3.14|1.500000|   2.000")]
    [InlineData("{{printf \"%x|%X|%#x|%x\" 255 255 255 \"hi\"}}", "ff|FF|0xff|6869")]
    [InlineData("{{printf \"%6s|%-6s|%.2s\" \"ab\" \"ab\" \"abc\"}}", "    ab|ab    |ab")]
    [InlineData("{{printf \"100%%\"}}", "100%")]
    [InlineData("{{printf \"%d\" \"x\"}}", "%!d(string=x)")]
    [InlineData("{{printf \"%d %d\" 1}}", "1 %!d(MISSING)")]
    [InlineData("{{printf \"%d\" 1 2}}", "1%!(EXTRA int=2)")]
    [InlineData("{{printf \"%v %v\" 1.0 0.000001}}", "1 1e-06")]
    [InlineData("{{printf \"%e\" 1234.5}}", "1.234500e+03")]
    public void Execute_Printf_FormatsLikeGoFmt(string template, string expected) =>
        Render(template).ShouldBe(expected);

    [Fact]
    public void Execute_HtmlEscapeOption_EscapesActionOutputOnly()
    {
        var output = Render("<p title=\"x\">{{.Html}}</p>{{.Nil}}{{.Missing}}", options: GoTemplateOptions.Html);

        output.ShouldBe("<p title=\"x\">&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39; &#43;1&lt;/b&gt;</p>");
    }

    [Fact]
    public void Execute_MapRange_IteratesInSortedKeyOrder()
    {
        var nodes = new Dictionary<string, int> { ["zeta"] = 1, ["alpha"] = 2, ["Mid"] = 3, ["beta"] = 4 };

        Render("{{range $k, $v := .}}{{$k}}={{$v}};{{end}}", nodes).ShouldBe("Mid=3;alpha=2;beta=4;zeta=1;");
    }

    [Fact]
    public void Execute_IntegerKeyedMap_SortsNumerically()
    {
        var map = new Dictionary<int, string> { [10] = "ten", [2] = "two", [-1] = "minus" };

        Render("{{range $k, $v := .}}{{$k}}:{{$v}} {{end}}", map).ShouldBe("-1:minus 2:two 10:ten ");
    }

    [Fact]
    public void Execute_TypedMapMissingKey_YieldsZeroValue()
    {
        var map = new Dictionary<string, string> { ["a"] = "x" };

        Render("[{{.b}}]", map).ShouldBe("[]");
    }

    [Fact]
    public void Execute_TimeValue_UsesGoDefaultLayout()
    {
        var data = new Dictionary<string, object?>
        {
            ["Utc"] = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddMilliseconds(250),
            ["Local"] = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(-5)),
        };

        Render("{{.Utc}} | {{.Local}}", data).ShouldBe("2026-03-04 05:06:07.25 +0000 UTC | 2026-03-04 05:06:07 -0500 -0500");
    }

    [Fact]
    public void Execute_SameTemplateManyTimes_IsIndependentPerExecution()
    {
        var template = GoTemplate.Parse("t", "{{$x := .}}{{$x}}");

        Enumerable.Range(0, 50).AsParallel().Select(i => template.Execute(i)).ToList()
            .ShouldBe(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ignoreOrder: true);
    }

    [Fact]
    public void Render_ToWriter_WritesOutput()
    {
        using var writer = new StringWriter();

        GoTemplate.Parse("t", "{{.ClusterName}} is {{.SystemStatus}}").Render(new TemplateData { ClusterName = "prod", SystemStatus = "HEALTHY" }, writer);

        writer.ToString().ShouldBe("prod is HEALTHY");
    }

    [Fact]
    public void Execute_FieldNameWithOtherCase_FailsLikeGo()
    {
        var template = GoTemplate.Parse("t", "{{.node}}");

        Should.Throw<GoTemplateException>(() => template.Execute(Web)).Detail
            .ShouldBe("executing \"t\" at <.node>: can't evaluate field node in type Message");
    }

    [Fact]
    public void Execute_DataMethods_ResolveWithoutArguments()
    {
        var data = new TemplateData { SystemStatus = "UNSTABLE" };

        Render("{{if .IsCritical}}c{{else if .IsWarning}}w{{else}}p{{end}} {{.IsPassing}}", data).ShouldBe("w false");
    }

    [Theory]
    [InlineData("{{ .NotifList }}", "map[]")]
    [InlineData("{{ len .NotifList }}", "0")]
    [InlineData("{{ if .NotifList }}set{{ else }}unset{{ end }}", "unset")]
    [InlineData("{{ range $k, $v := .NotifList }}{{ $k }}{{ end }}.", ".")]
    [InlineData("{{ index .NotifList \"email\" }}", "false")]
    public void Execute_NullMapMember_BehavesAsGoNilMap(string text, string expected)
    {
        var message = new ConsulAlerts.Notifications.Message { NotifList = null };

        GoTemplate.Parse("t", text).Execute(message).ShouldBe(expected);
        GoTemplate.Parse("t", text, GoTemplateOptions.Html).Execute(message).ShouldBe(expected);
    }

    [Fact]
    public void Execute_NullListMember_PrintsAsGoNilSlice() =>
        GoTemplate.Parse("t", "{{ .Items }}|{{ len .Items }}").Execute(new WithList(null)).ShouldBe("[]|0");

    [Fact]
    public void Execute_TypeOutsideTheModel_FieldIsNotReadByReflection() =>
        Should.Throw<GoTemplateException>(() => GoTemplate.Parse("t", "{{ .Host }}").Execute(new Uri("http://127.0.0.1/"))).Detail
            .ShouldBe("executing \"t\" at <.Host>: can't evaluate field Host in type Uri");

    /// <summary>A type beyond the data model, readable through its own member table.</summary>
    internal sealed record WithList(IReadOnlyList<string>? Items) : ITemplateObject
    {
        private static readonly TemplateMembers Members = TemplateMembers.For<WithList>().List("Items", w => w.Items).Build();

        public TemplateMembers TemplateMembers => Members;
    }
}
