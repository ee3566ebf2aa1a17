using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ConsulAlerts.Consul.Http;

/// <summary>
/// Builds the <see cref="SocketsHttpHandler"/> and <see cref="HttpClient"/> a <see cref="ConsulClient"/> needs:
/// unix sockets, TLS with a private CA, client certificates, a custom server name, and no client-wide timeout
/// (every request carries its own, see <see cref="ConsulTransport.TimeoutFor"/>).
/// </summary>
internal static class ConsulHttpClientFactory
{
    public static HttpClient CreateHttpClient(ConsulClientOptions options)
    {
        var handler = CreateHandler(options);
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Reads the certificate files now, so a bad path fails at startup with a clear message.</summary>
    public static SocketsHttpHandler CreateHandler(ConsulClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = ConsulAddress.Parse(options.Address, options.UseTls);
        var tls = address.IsTls ? CreateTlsOptions(options) : null;

        var handler = new SocketsHttpHandler
        {
            // A redirect would carry X-Consul-Token to wherever it points; Consul never redirects.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = address.UnixSocketPath is null,
        };

        if (address.UnixSocketPath is not null || tls is not null)
        {
            var socketPath = address.UnixSocketPath;
            handler.ConnectCallback = (context, cancellationToken) => ConnectAsync(context, socketPath, tls, cancellationToken);
        }

        return handler;
    }

    /// <summary>
    /// TLS is done here rather than by the handler because the handler derives SNI and the verification
    /// name from the URL or Host header, while Consul's <c>TlsServerName</c> must change only those two.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, string? unixSocketPath, SslClientAuthenticationOptions? tls, CancellationToken cancellationToken)
    {
        Socket socket;
        EndPoint endPoint;
        if (unixSocketPath is not null)
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            endPoint = new UnixDomainSocketEndPoint(unixSocketPath);
        }
        else
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            endPoint = context.DnsEndPoint;
        }

        Stream stream;
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (tls is null || context.InitialRequestMessage.RequestUri?.Scheme != Uri.UriSchemeHttps)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            var perConnection = new SslClientAuthenticationOptions
            {
                TargetHost = string.IsNullOrEmpty(tls.TargetHost) ? context.DnsEndPoint.Host : tls.TargetHost,
                ClientCertificates = tls.ClientCertificates,
                CertificateChainPolicy = tls.CertificateChainPolicy,
                RemoteCertificateValidationCallback = tls.RemoteCertificateValidationCallback,
                ApplicationProtocols = [SslApplicationProtocol.Http11],
            };
            await ssl.AuthenticateAsClientAsync(perConnection, cancellationToken);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    private static SslClientAuthenticationOptions CreateTlsOptions(ConsulClientOptions options)
    {
        var tls = new SslClientAuthenticationOptions
        {
            TargetHost = StripPort(options.TlsServerName),
        };

        var hasCert = !string.IsNullOrWhiteSpace(options.ClientCertFile);
        var hasKey = !string.IsNullOrWhiteSpace(options.ClientKeyFile);
        if (hasCert != hasKey)
        {
            throw new InvalidOperationException("A Consul client certificate needs both the certificate file and the key file.");
        }

        if (hasCert)
        {
            tls.ClientCertificates = [LoadClientCertificate(options.ClientCertFile!, options.ClientKeyFile!)];
        }

        if (!options.VerifyTls)
        {
            // The operator asked for it explicitly (CONSUL_HTTP_SSL_VERIFY=false).
#pragma warning disable CA5359
            tls.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (!string.IsNullOrWhiteSpace(options.CaFile))
        {
            // Trust only the given CA(s), not the system store, as CONSUL_CACERT does.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(LoadCaCertificates(options.CaFile));
            tls.CertificateChainPolicy = policy;
        }

        return tls;
    }

    /// <summary>"consul.example:8501" → "consul.example"; "[::1]:8501" → "::1"; null stays null.</summary>
    public static string? StripPort(string? serverName)
    {
        if (string.IsNullOrWhiteSpace(serverName))
        {
            return null;
        }

        var name = serverName.Trim();
        if (name.StartsWith('['))
        {
            var close = name.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? name[1..close] : name;
        }

        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && colon == name.LastIndexOf(':') ? name[..colon] : name;
    }

    private static X509Certificate2Collection LoadCaCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"Cannot read the Consul CA file '{path}': {ex.Message}", ex);
        }

        if (certificates.Count == 0)
        {
            throw new InvalidOperationException($"The Consul CA file '{path}' holds no PEM certificate.");
        }

        return certificates;
    }

    private static X509Certificate2 LoadClientCertificate(string certPath, string keyPath)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPemFile(certPath, keyPath);

            // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"Cannot load the Consul client certificate '{certPath}' with key '{keyPath}': {ex.Message}", ex);
        }
    }
}
