using System.Text;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

public sealed class CheckTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("HTTP GET http://web/health: 500 Internal Server Error")]
    public void Bound_ShortText_IsTheSameInstance(string text)
    {
        CheckText.Bound(text).ShouldBeSameAs(text);
    }

    [Fact]
    public void Bound_ExactlyTheLimit_IsKeptWhole()
    {
        var text = new string('a', CheckText.MaxBytes);

        CheckText.Bound(text).ShouldBeSameAs(text);
    }

    [Theory]
    [InlineData("a", 1)]
    [InlineData("é", 2)]
    [InlineData("€", 3)]
    [InlineData("😀", 4)]
    public void Bound_LongText_CutsOnACharacterBoundaryWithinTheLimitAndNamesWhatWasLeftOut(string unit, int bytesPerUnit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, (CheckText.MaxBytes / bytesPerUnit) + 100));
        var total = Encoding.UTF8.GetByteCount(text);

        var bounded = CheckText.Bound(text);

        var bytes = Encoding.UTF8.GetBytes(bounded);
        bytes.Length.ShouldBeLessThanOrEqualTo(CheckText.MaxBytes);
        bytes.Length.ShouldBeGreaterThan(CheckText.MaxBytes - 40);
        Encoding.UTF8.GetString(bytes).ShouldBe(bounded, "valid UTF-8, no half character");
        var marker = bounded.IndexOf('…', StringComparison.Ordinal);
        text.ShouldStartWith(bounded[..marker]);
        var kept = Encoding.UTF8.GetByteCount(bounded[..marker]);
        (kept % bytesPerUnit).ShouldBe(0);
        bounded[marker..].ShouldBe($"… [truncated {total - kept} bytes]");
    }

    [Fact]
    public void Bound_Check_BoundsOutputNotesAndNameAndKeepsIdentity()
    {
        var check = new CheckInfo { Node = "n", CheckId = "c", Name = "web", Output = new string('o', 100_000), Notes = new string('n', 100_000) };

        var bounded = CheckText.Bound(check);

        bounded.Output.Length.ShouldBeLessThanOrEqualTo(CheckText.MaxBytes);
        bounded.Notes.Length.ShouldBeLessThanOrEqualTo(CheckText.MaxBytes);
        bounded.Name.ShouldBeSameAs(check.Name);
        (bounded.Node, bounded.CheckId).ShouldBe(("n", "c"));
        CheckText.Bound(bounded).ShouldBeSameAs(bounded);
    }
}
