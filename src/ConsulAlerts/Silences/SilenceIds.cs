using System.Security.Cryptography;

namespace ConsulAlerts.Silences;

/// <summary>
/// Silence ids: 128 random bits written as a lowercase UUID (<c>8-4-4-4-12</c> hex digits), made by the daemon. Only
/// ids of exactly that shape are accepted anywhere, so an id never carries a slash, a control character or anything
/// else that could reach a KV path or a log line unescaped.
/// </summary>
internal static class SilenceIds
{
    public const int Length = 36;

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != Length)
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var ok = i is 8 or 13 or 18 or 23 ? c == '-' : char.IsAsciiDigit(c) || c is >= 'a' and <= 'f';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
