using System.Text.RegularExpressions;
using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class NotifierKeysTests
{
    [Theory]
    [InlineData("email", "password", true)]
    [InlineData("slack", "url", true)]
    [InlineData("webhook", "bearer-token", true)]
    [InlineData("email", "port", false)]
    [InlineData("slack", "channel", false)]
    [InlineData("slack", "nosuch", true)]
    [InlineData("nosuch", "url", true)]
    public void IsSecret_SecretsAndUnknownKeys(string notifier, string key, bool expected) =>
        NotifierKeys.IsSecret(notifier, key).ShouldBe(expected);

    [Fact]
    public void All_NoNotifierRedefinesEnabled() =>
        NotifierKeys.All.Values.ShouldAllBe(keys => !keys.ContainsKey("enabled"));

    public static TheoryData<string> Notifiers() => new(NotifierKeys.All.Keys);

    [Theory]
    [MemberData(nameof(Notifiers))]
    public void Readme_NotifierReference_DocumentsEveryKeyWithAnExample(string notifier)
    {
        var section = ReadmeSection(notifier);

        var documented = Regex.Matches(section, @"^\| `([a-z0-9-]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        documented.ShouldContain("enabled", $"README ### `{notifier}`");
        documented.Except(["enabled"]).Order(StringComparer.Ordinal).ShouldBe(NotifierKeys.All[notifier].Keys.Order(StringComparer.Ordinal), $"README ### `{notifier}` keys");
        foreach (var key in NotifierKeys.All[notifier].Where(k => k.Value == NotifierKeyType.Secret).Select(k => k.Key))
        {
            Regex.IsMatch(section, $@"^\| `{Regex.Escape(key)}` \|.*secret", RegexOptions.Multiline | RegexOptions.IgnoreCase).ShouldBeTrue($"README ### `{notifier}`: {key} is marked secret");
        }

        section.ShouldContain($"consul kv put consul-alerts/config/notifiers/{notifier}/", Case.Sensitive, $"README ### `{notifier}` has an example");
    }

    [Fact]
    public void Readme_NotifierReference_HasNoSectionForAnUnknownNotifier()
    {
        var headings = Regex.Matches(NotifierReference(), @"^### `([a-z0-9-]+)`$", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

        headings.Order(StringComparer.Ordinal).ShouldBe(NotifierKeys.All.Keys.Order(StringComparer.Ordinal));
    }

    private static string ReadmeSection(string notifier)
    {
        var reference = NotifierReference();
        var heading = $"### `{notifier}`\n";
        var start = reference.IndexOf(heading, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"README has a ### `{notifier}` section");
        var next = reference.IndexOf("\n### ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? reference[start..] : reference[start..next];
    }

    /// <summary>The README's <c>## Notifiers</c> section.</summary>
    private static string NotifierReference()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConsulAlerts.sln")))
        {
            root = root.Parent;
        }

        root.ShouldNotBeNull("the repository root holds ConsulAlerts.sln");
        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Notifiers\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "README has a ## Notifiers section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }
}
