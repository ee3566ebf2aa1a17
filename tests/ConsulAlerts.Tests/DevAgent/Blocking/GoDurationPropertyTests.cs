using System.Text.RegularExpressions;
using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.DevAgent.Blocking;

public sealed partial class GoDurationPropertyTests
{
    [Fact]
    public void TryParseNanoseconds_GeneratedGoDuration_AcceptedInGoRangeWithTheExactValue()
    {
        GoDurationText.Valid.Sample((text, nanos) =>
        {
            bool parsed = GoDuration.TryParseNanoseconds(text, out var value);

            parsed.ShouldBe(GoDurationText.InRange(nanos), text);
            if (parsed)
            {
                value.ShouldBe((long)nanos, text);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void TryParseNanoseconds_AnyText_AcceptsOnlyGoSyntaxAndNeverThrows()
    {
        GoDurationText.Noise.Sample(text =>
        {
            if (GoDuration.TryParseNanoseconds(text, out _))
            {
                GoSyntax().IsMatch(text).ShouldBeTrue(text);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void FormatNanoseconds_AnyValue_ParsesBackToItself()
    {
        Gen.Long.Sample(nanos =>
        {
            string text = GoDuration.FormatNanoseconds(nanos);

            GoDuration.TryParseNanoseconds(text, out var back).ShouldBeTrue(text);
            back.ShouldBe(nanos, text);
        }, iter: 5_000);
    }

    [GeneratedRegex(@"^[-+]?(0|(([0-9]+\.?[0-9]*|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$")]
    private static partial Regex GoSyntax();
}
