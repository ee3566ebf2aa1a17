namespace ConsulAlerts.Consul.Http;

/// <summary>
/// How to reach a Consul agent: address, datacenter, ACL token and TLS settings.
/// Built by the command line from flags, the config file and the <c>CONSUL_*</c> environment.
/// </summary>
public sealed record ConsulClientOptions
{
    /// <summary>Agent address: <c>host:port</c>, <c>http://</c>, <c>https://</c> or <c>unix:///path</c>; may carry a path prefix.</summary>
    public string Address { get; init; } = "localhost:8500";

    /// <summary>Datacenter sent as <c>?dc=</c>; null or empty sends none.</summary>
    public string? Datacenter { get; init; } = "dc1";

    /// <summary>ACL token sent as <c>X-Consul-Token</c>. Never logged.</summary>
    public string? Token { get; init; }

    /// <summary>File holding the ACL token, read once and trimmed; wins over <see cref="Token"/>.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Use https when <see cref="Address"/> has no scheme (<c>CONSUL_HTTP_SSL</c>).</summary>
    public bool UseTls { get; init; }

    /// <summary>Verify the server certificate (<c>CONSUL_HTTP_SSL_VERIFY</c>); true by default.</summary>
    public bool VerifyTls { get; init; } = true;

    /// <summary>PEM file of CA certificates to trust (<c>CONSUL_CACERT</c>).</summary>
    public string? CaFile { get; init; }

    /// <summary>Client certificate PEM (<c>CONSUL_CLIENT_CERT</c>); goes with <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertFile { get; init; }

    /// <summary>Client key PEM (<c>CONSUL_CLIENT_KEY</c>).</summary>
    public string? ClientKeyFile { get; init; }

    /// <summary>SNI and verification name (<c>CONSUL_TLS_SERVER_NAME</c>); any <c>:port</c> is ignored.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>HTTP basic auth as <c>user:pass</c> or <c>user</c> (<c>CONSUL_HTTP_AUTH</c>). Never logged.</summary>
    public string? HttpAuth { get; init; }

    /// <summary>Timeout of each non-blocking request; blocking requests get wait × 17/16 plus a margin, never less.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>The default of <see cref="RequestTimeout"/>.</summary>
    public static TimeSpan DefaultRequestTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Redacted text for logs and status: the token and basic-auth password never appear.</summary>
    public override string ToString() =>
        $"ConsulClientOptions {{ Address = {RedactedAddress(Address)}, Datacenter = {Datacenter}, Token = {(string.IsNullOrEmpty(Token) ? "(none)" : "(set)")}, " +
        $"TokenFile = {TokenFile ?? "(none)"}, UseTls = {UseTls}, VerifyTls = {VerifyTls}, CaFile = {CaFile ?? "(none)"}, " +
        $"ClientCertFile = {ClientCertFile ?? "(none)"}, TlsServerName = {TlsServerName ?? "(none)"}, HttpAuth = {(string.IsNullOrEmpty(HttpAuth) ? "(none)" : "(set)")}, " +
        $"RequestTimeout = {RequestTimeout} }}";

    // An address may carry user:password@ (used as basic auth); keep the user, never the password.
    private static string RedactedAddress(string address)
    {
        int at = address.LastIndexOf('@');
        if (at < 0)
        {
            return address;
        }

        int start = address.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        int colon = address.IndexOf(':', start);
        return colon >= 0 && colon < at ? string.Concat(address.AsSpan(0, colon), ":(redacted)", address.AsSpan(at)) : address;
    }
}
