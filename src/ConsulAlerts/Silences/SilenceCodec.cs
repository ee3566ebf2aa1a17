using System.Text.Json;

namespace ConsulAlerts.Silences;

/// <summary>Reads and writes the stored JSON of a silence; a value that does not parse or validate is reported, never thrown.</summary>
internal static class SilenceCodec
{
    public static byte[] Encode(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return JsonSerializer.SerializeToUtf8Bytes(silence, SilenceJsonContext.Default.Silence);
    }

    /// <summary>Decodes and validates a stored value; <paramref name="keyId"/> is the id its key names.</summary>
    public static SilenceValidation Decode(ReadOnlySpan<byte> value, string keyId)
    {
        if (value.Length == 0)
        {
            return new SilenceValidation(["value: empty"], null, null);
        }

        if (value.Length > SilenceLimits.MaxRecordBytes)
        {
            return new SilenceValidation([$"value: larger than {SilenceLimits.MaxRecordBytes} bytes"], null, null);
        }

        Silence? silence;
        try
        {
            silence = JsonSerializer.Deserialize(value, SilenceJsonContext.Default.Silence);
        }
        catch (JsonException ex)
        {
            return new SilenceValidation([$"{SilenceValidator.FieldOf(ex)}: not valid silence JSON"], null, null);
        }

        return SilenceValidator.ValidateStored(silence, keyId);
    }
}
