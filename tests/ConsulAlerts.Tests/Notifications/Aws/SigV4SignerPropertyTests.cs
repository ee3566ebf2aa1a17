using System.Text.RegularExpressions;
using ConsulAlerts.Notifications.Aws;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Notifications.Aws;

public sealed partial class SigV4SignerPropertyTests
{
    // Characters with a meaning in paths and queries, and escapes that look already encoded.
    private static readonly Gen<string> UriText = Gen.Frequency(
        (3, TextGen.Text(12)),
        (2, TextGen.Of(["/", ".", "..", "%", "%2F", "%2e", "+", "=", "&", "?", "#", " ", "~", "-", "_", "a", "Z", "9", "é", "\U0001F600"], 12)));

    [Fact]
    public void Encode_AnyText_UnreservedOrUpperHexEscapesThatDecodeBack()
    {
        UriText.Sample(text =>
        {
            string encoded = SigV4Signer.Encode(text);

            EncodedSegment().IsMatch(encoded).ShouldBeTrue(encoded);
            Uri.UnescapeDataString(encoded).ShouldBe(text);
        }, iter: 3_000);
    }

    [Fact]
    public void CanonicalPath_AnyPath_AbsoluteWithoutEmptyOrDotSegmentsAndStable()
    {
        UriText.Sample(path =>
        {
            string canonical = SigV4Signer.CanonicalPath(path);

            canonical.ShouldStartWith("/");
            var segments = canonical.Trim('/').Split('/');
            if (canonical != "/")
            {
                foreach (var segment in segments)
                {
                    (segment.Length > 0 && segment != "." && segment != ".." && EncodedSegment().IsMatch(segment)).ShouldBeTrue(canonical);
                }
            }

            // Normalizing the decoded result again changes nothing: dot segments are gone, not moved.
            SigV4Signer.CanonicalPath(string.Join('/', canonical.Split('/').Select(Uri.UnescapeDataString))).ShouldBe(canonical);
        }, iter: 3_000);
    }

    [Fact]
    public void CanonicalQuery_AnyParameters_SortedAndParsedBackToTheSameParameters()
    {
        Gen.Select(UriText, UriText).Array[0, 6].Sample(pairs =>
        {
            var query = pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)).ToList();

            string canonical = SigV4Signer.CanonicalQuery(query);

            // Sorted by encoded name, then encoded value (not by the joined text: '=' sorts after '%').
            var parts = (canonical.Length == 0 ? [] : canonical.Split('&')).Select(p => (Name: p[..p.IndexOf('=', StringComparison.Ordinal)], Value: p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
            parts.ShouldBe([.. parts.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)]);
            SigV4Signer.ParseQuery(canonical).ShouldBe(query, ignoreOrder: true);
        }, iter: 2_000);
    }

    [Fact]
    public void ParseQuery_AnyRawQuery_NeverThrows()
    {
        UriText.Sample(raw => SigV4Signer.ParseQuery(raw).ShouldNotBeNull(), iter: 3_000);
    }

    [GeneratedRegex("^([A-Za-z0-9._~-]|%[0-9A-F]{2})*$")]
    private static partial Regex EncodedSegment();
}
