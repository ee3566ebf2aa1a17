using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsulAlerts.Checks;

/// <summary>
/// Timestamps as Go's <c>time.Time</c> marshals them (RFC 3339 with up to nine fractional digits, trailing zeros
/// dropped). Written in UTC with <c>Z</c>, so the zero time is <c>0001-01-01T00:00:00Z</c> exactly as Go writes it.
/// Digits beyond .NET's 100 ns resolution are truncated on read.
/// </summary>
internal sealed class GoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    private const string WriteFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        var text = reader.GetString() ?? "";
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(WriteFormat, CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Go writes nanoseconds; .NET parses at most seven fractional digits.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(
            text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value);
    }
}
