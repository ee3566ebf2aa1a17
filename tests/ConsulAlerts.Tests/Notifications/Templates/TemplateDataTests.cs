using ConsulAlerts.Notifications.Templates;
using ConsulAlerts.Tests.Notifications.Testing;

namespace ConsulAlerts.Tests.Notifications.Templates;

public sealed class TemplateDataTests
{
    [Fact]
    public void From_MixedBatch_SummarisesAndGroupsByNodeInOrder()
    {
        var first = Messages.Critical(node: "b", checkId: "one");
        var second = Messages.Critical(node: "a", checkId: "two") with { Status = "warning" };
        var third = Messages.Critical(node: "b", checkId: "three") with { Status = "passing" };

        var data = TemplateData.From("Prod", [first, second, third]);

        data.ClusterName.ShouldBe("Prod");
        data.SystemStatus.ShouldBe("CRITICAL");
        (data.FailCount, data.WarnCount, data.PassCount).ShouldBe((1, 1, 1));
        data.Nodes.Keys.Order(StringComparer.Ordinal).ShouldBe(["a", "b"]);
        data.Nodes["b"].Select(m => m.CheckId).ShouldBe(["one", "three"]);
        data.IsCritical().ShouldBeTrue();
        data.IsWarning().ShouldBeFalse();
    }

    [Theory]
    [InlineData("critical", "CRITICAL")]
    [InlineData("warning", "UNSTABLE")]
    [InlineData("passing", "HEALTHY")]
    public void From_SingleStatus_SystemStatusAsGo(string status, string expected)
    {
        var data = TemplateData.From("c", [Messages.Critical() with { Status = status }]);

        data.SystemStatus.ShouldBe(expected);
        (data.IsCritical(), data.IsWarning(), data.IsPassing()).ShouldBe((expected == "CRITICAL", expected == "UNSTABLE", expected == "HEALTHY"));
    }

    [Fact]
    public void Render_GoRangeOverNodes_VisitsNodesSortedWithTheirChecks()
    {
        var template = GoTemplate.Parse("t", "{{ range $name, $checks := .Nodes }}{{ $name }}:{{ range $checks }}{{ .CheckId }},{{ end }};{{ end }}");

        var text = template.Execute(TemplateData.From("c", [Messages.Critical(node: "z", checkId: "1"), Messages.Critical(node: "m", checkId: "2")]));

        text.ShouldBe("m:2,;z:1,;");
    }

    [Theory]
    [InlineData("{{range .ServiceTags}}[{{.}}]{{end}}", "v1,blue", "[v1][blue]")]
    [InlineData("{{range $i, $t := .ServiceTags}}{{$i}}={{$t}};{{end}}", "v1,blue", "0=v1;1=blue;")]
    [InlineData("{{.ServiceTags}}", "v1,blue", "[v1 blue]")]
    [InlineData("{{len .ServiceTags}}", "v1,blue", "2")]
    [InlineData("{{index .ServiceTags 1}}", "v1,blue", "blue")]
    [InlineData("{{if .ServiceTags}}tagged{{else}}none{{end}}", "", "none")]
    [InlineData("{{range .ServiceTags}}x{{else}}no tags{{end}}", "", "no tags")]
    [InlineData("{{.ServiceTags}}", "", "[]")]
    public void Render_ServiceTagsOfEachCheck_RangeIndexLenAndPrintAsGo(string template, string tags, string expected)
    {
        var message = Messages.Critical() with { ServiceTags = tags.Length == 0 ? [] : tags.Split(',') };
        var text = GoTemplate.Parse("t", "{{range .Nodes}}{{range .}}" + template + "{{end}}{{end}}").Execute(TemplateData.From("c", [message]));

        text.ShouldBe(expected);
    }

    [Fact]
    public void From_MessagesWithProfileOverrides_TemplatesSeeNoSettings()
    {
        var data = TemplateData.From("c", [Messages.WithOverrides("a"), Messages.WithOverrides("b")]);

        data.Nodes.Values.SelectMany(m => m).ShouldAllBe(m => m.VarOverrides.Count == 0);
        data.Nodes["a"].ShouldHaveSingleItem().NotifList.ShouldNotBeNull().Count.ShouldBe(3);
    }
}
