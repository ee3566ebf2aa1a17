using System.Text.RegularExpressions;
using ConsulAlerts.Consul;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Consul;

public sealed partial class GoDurationPropertyTests
{
    [Fact]
    public void TryParse_GeneratedGoDuration_AcceptedInGoRangeWithTheExactValueInTicks()
    {
        GoDurationText.Valid.Sample((text, nanos) =>
        {
            bool parsed = GoDuration.TryParse(text, out var value);

            parsed.ShouldBe(GoDurationText.InRange(nanos), text);
            if (parsed)
            {
                // TimeSpan counts 100 ns ticks: the nanoseconds are truncated toward zero.
                value.Ticks.ShouldBe((long)(nanos / 100), text);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void TryParse_AnyText_AcceptsOnlyGoSyntaxAndNeverThrows()
    {
        GoDurationText.Noise.Sample(text =>
        {
            if (GoDuration.TryParse(text, out _))
            {
                GoSyntax().IsMatch(text.Trim()).ShouldBeTrue(text);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void ToMilliseconds_AnyPositiveWait_ParsesBackToAtLeastTheWait()
    {
        Gen.Long[1, TimeSpan.FromDays(365).Ticks].Sample(ticks =>
        {
            var wait = TimeSpan.FromTicks(ticks);

            GoDuration.TryParse(GoDuration.ToMilliseconds(wait), out var back).ShouldBeTrue();

            back.ShouldBeGreaterThanOrEqualTo(wait);
            (back - wait).ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
        }, iter: 2_000);
    }

    [GeneratedRegex(@"^[-+]?(0|(([0-9]+\.?[0-9]*|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$")]
    private static partial Regex GoSyntax();
}
