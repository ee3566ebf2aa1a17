using System.Text;
using System.Text.Json;
using ConsulAlerts.Silences;

namespace ConsulAlerts.Tests.Silences;

public sealed class SilenceCodecTests
{
    private const string Id = "0123abcd-4567-89ab-cdef-0123456789ab";

    private static readonly Silence Sample = new()
    {
        Id = Id,
        Matchers = [new SilenceMatcher { Name = "service", Value = "api|web", IsRegex = true, IsEqual = false }],
        StartsAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2026, 3, 1, 13, 0, 0, 500, TimeSpan.Zero),
        CreatedBy = "ops",
        Comment = "deploy",
        UpdatedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Encode_Silence_AlertmanagersShapeWithUtcTimes()
    {
        var json = Encoding.UTF8.GetString(SilenceCodec.Encode(Sample));

        json.ShouldBe(
            """{"id":"0123abcd-4567-89ab-cdef-0123456789ab","matchers":[{"name":"service","value":"api|web","isRegex":true,"isEqual":false}],"startsAt":"2026-03-01T12:00:00Z","endsAt":"2026-03-01T13:00:00.5Z","createdBy":"ops","comment":"deploy","updatedAt":"2026-03-01T12:00:00Z"}""");
    }

    [Fact]
    public void Decode_Encoded_SameSilence()
    {
        var decoded = SilenceCodec.Decode(SilenceCodec.Encode(Sample), Id);

        decoded.Errors.ShouldBeEmpty();
        decoded.Silence!.ShouldBe(Sample with { Matchers = decoded.Silence!.Matchers });
        decoded.Silence.Matchers.ShouldBe(Sample.Matchers);
        decoded.Rule!.Matchers.Single().ToString().ShouldBe("service!~\"api|web\"");
    }

    [Fact]
    public void Decode_MatcherWithoutIsEqual_DefaultsToEqual()
    {
        var json = """{"id":"0123abcd-4567-89ab-cdef-0123456789ab","matchers":[{"name":"node","value":"a"}],"startsAt":"2026-03-01T12:00:00Z","endsAt":"2026-03-01T13:00:00Z","createdBy":"ops","comment":"c"}""";

        var decoded = SilenceCodec.Decode(Encoding.UTF8.GetBytes(json), Id);

        decoded.Silence!.Matchers.Single()!.IsEqual.ShouldBeTrue();
        decoded.Silence.Matchers.Single()!.IsRegex.ShouldBeFalse();
    }

    [Theory]
    [InlineData("", "value: empty")]
    [InlineData("{", "body: not valid silence JSON")]
    [InlineData("[]", "body: not valid silence JSON")]
    [InlineData("""{"matchers":"node"}""", "matchers: not valid silence JSON")]
    [InlineData("""{"startsAt":"soon"}""", "startsAt: not valid silence JSON")]
    public void Decode_NotASilence_ReportedNotThrown(string value, string expected)
    {
        var decoded = SilenceCodec.Decode(Encoding.UTF8.GetBytes(value), Id);

        decoded.Silence.ShouldBeNull();
        decoded.Errors.ShouldContain(expected);
    }

    [Fact]
    public void Decode_DeeplyNested_ReportedNotThrown()
    {
        var value = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var decoded = SilenceCodec.Decode(Encoding.UTF8.GetBytes(value), Id);

        decoded.Silence.ShouldBeNull();
    }

    [Fact]
    public void Encode_EveryLimitAndEveryCharacterEscaped_FarBelowConsulsValueLimit()
    {
        var worst = new string('\u2028', SilenceLimits.MaxValueLength);
        var silence = Sample with
        {
            Matchers = [.. Enumerable.Range(0, SilenceLimits.MaxMatchers).Select(_ => (SilenceMatcher?)new SilenceMatcher { Name = "check-name", Value = worst })],
            CreatedBy = new string('<', SilenceLimits.MaxCreatedByLength),
            Comment = new string('\u2028', SilenceLimits.MaxCommentLength),
        };

        var size = SilenceCodec.Encode(silence).Length;

        size.ShouldBeLessThanOrEqualTo(SilenceLimits.MaxRecordBytes);
        JsonDocument.Parse(SilenceCodec.Encode(silence)).RootElement.GetProperty("id").GetString().ShouldBe(Id);
    }
}
