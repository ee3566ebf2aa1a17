using System.Diagnostics.CodeAnalysis;

namespace ConsulAlerts.Compat;

/// <summary>Go's <c>strconv.ParseBool</c>, which the Consul tools use for <c>CONSUL_HTTP_SSL</c> and friends.</summary>
internal static class GoBool
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out bool? value)
    {
        value = text switch
        {
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => null,
        };
        return value is not null;
    }
}
