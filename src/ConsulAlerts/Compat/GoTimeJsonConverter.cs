using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsulAlerts.Compat;

/// <summary>
/// Times as Go's <c>time.Time</c> marshals them, for the state and reminder JSON both daemons share: RFC 3339 with
/// the fraction trimmed of trailing zeros (none when whole), <c>Z</c> for UTC, otherwise the offset; the zero time is
/// <c>0001-01-01T00:00:00Z</c>. Reads any RFC 3339 time, including Go's nine fraction digits (truncated to .NET's
/// 100 ns); a JSON null reads as the zero time.
/// </summary>
internal sealed class GoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? default : Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value));
    }

    public static string Format(DateTimeOffset value)
    {
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero ? text + "Z" : text + value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    /// <exception cref="JsonException">The text is not an RFC 3339 time.</exception>
    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 3339 time.");

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);

        // .NET keeps 7 fraction digits; Go writes up to 9. Drop the extra ones rather than fail.
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

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
