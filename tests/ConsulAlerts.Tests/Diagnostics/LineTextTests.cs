using ConsulAlerts.Diagnostics;

namespace ConsulAlerts.Tests.Diagnostics;

public sealed class LineTextTests
{
    [Theory]
    [InlineData("web-1", "web-1")]
    [InlineData("HTTP on :80", "HTTP on :80")]
    [InlineData("C:\\checks\\disk", "C:\\checks\\disk")]
    [InlineData("bäckerei 日本 ✓", "bäckerei 日本 ✓")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\nb", "a\\r\\nb")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("esc\u001b[31mred", "esc\\u001b[31mred")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("del\u007f", "del\\u007f")]
    [InlineData("next\u0085line", "next\\u0085line")]
    [InlineData("csi\u009b", "csi\\u009b")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("para\u2029sep", "para\\u2029sep")]
    [InlineData("", "")]
    public void Escape_ControlCharacters_EscapedOrdinaryTextUnchanged(string text, string expected) =>
        LineText.Escape(text).ShouldBe(expected);

    [Fact]
    public void Escape_OrdinaryText_ReturnsTheSameInstance()
    {
        var text = "node-1";

        LineText.Escape(text).ShouldBeSameAs(text);
    }
}
