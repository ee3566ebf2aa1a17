using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>
/// A real SMTP server (aiosmtpd, run by Debian's <c>/usr/bin/python3</c>) on a loopback address (127.0.0.1 unless
/// given) and a free port: plain, with STARTTLS, or with implicit TLS (a self-signed certificate for 127.0.0.1 and
/// localhost made here), and optionally requiring AUTH with <see cref="User"/> / <see cref="Password"/> (offered on a
/// plain connection too when there is no TLS). Every accepted message is kept as a <see cref="ReceivedMail"/>, and
/// every byte clients sent, per connection, in <see cref="Sessions"/>. Recipients starting with <c>reject</c> get 550,
/// those starting with <c>busy</c> get 450.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const string User = "alerts";
    public const string Password = "pw-SECRET-4711";
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly TempDirectory _directory;

    private const string ConnectionMark = "#CONNECTION\r\n";

    private SmtpTestServer(Process process, TempDirectory directory, string host, int port, string? caFile)
    {
        _process = process;
        _directory = directory;
        Address = host;
        Port = port;
        CaFile = caFile;
    }

    /// <summary>The loopback address the server listens on.</summary>
    public string Address { get; }

    public int Port { get; }

    /// <summary>The server certificate as PEM (its own root), when the server speaks TLS.</summary>
    public string? CaFile { get; }

    /// <summary>
    /// What clients sent on each connection that sent anything (decrypted where TLS was used), in order, as Latin-1
    /// text so that every byte shows. The server's own start-up check connects without sending and is left out.
    /// </summary>
    public IReadOnlyList<string> Sessions
    {
        get
        {
            var path = Path.Combine(OutDirectory, "received.log");
            var text = File.Exists(path) ? System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path)) : "";
            return [.. text.Split(ConnectionMark).Where(session => session.Length > 0)];
        }
    }

    private string OutDirectory => Path.Combine(_directory.Path, "mails");

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Mails =>
        [.. Directory.GetFiles(OutDirectory, "*.json").Order(StringComparer.Ordinal).Select(Read)];

    /// <param name="startTls">Offer STARTTLS.</param>
    /// <param name="auth">Require AUTH.</param>
    /// <param name="implicitTls">Speak TLS from the first byte (no STARTTLS).</param>
    /// <param name="host">The loopback address to listen on.</param>
    public static async Task<SmtpTestServer> StartAsync(bool startTls = false, bool auth = false, bool implicitTls = false, string host = Host)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Notifications", "Testing", "smtp_test_server.py");
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: the email tests need Debian's python3 with python3-aiosmtpd (apt-get install -y python3-aiosmtpd)");
        }

        var directory = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(directory.Path, "mails"));
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(Path.Combine(directory.Path, "mails"));
        start.ArgumentList.Add("--host");
        start.ArgumentList.Add(host);
        string? caFile = null;
        if (startTls || implicitTls)
        {
            caFile = WriteCertificate(directory.Path, out var keyFile);
            start.ArgumentList.Add("--cert");
            start.ArgumentList.Add(caFile);
            start.ArgumentList.Add("--key");
            start.ArgumentList.Add(keyFile);
        }

        if (implicitTls)
        {
            start.ArgumentList.Add("--implicit");
        }

        if (auth)
        {
            start.ArgumentList.Add("--user");
            start.ArgumentList.Add(User);
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(Password);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the SMTP test server");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (line is null || !line.StartsWith("READY ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            var stderr = await process.StandardError.ReadToEndAsync();
            directory.Dispose();
            throw new InvalidOperationException(
                $"the SMTP test server did not start (is python3-aiosmtpd installed? apt-get install -y python3-aiosmtpd): {line} {stderr}");
        }

        return new SmtpTestServer(process, directory, host, int.Parse(line["READY ".Length..], System.Globalization.CultureInfo.InvariantCulture), caFile);
    }

    public ReceivedMail Single()
    {
        var mails = Mails;
        mails.Count.ShouldBe(1);
        return mails[0];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _directory.Dispose();
    }

    /// <summary>A self-signed server certificate for 127.0.0.1 and localhost; returns the certificate's PEM file.</summary>
    private static string WriteCertificate(string directory, out string keyFile)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=consul-alerts test SMTP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var certFile = Path.Combine(directory, "server.pem");
        keyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return certFile;
    }

    private static ReceivedMail Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        return new ReceivedMail(
            root.GetProperty("mail_from").GetString()!,
            [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!)],
            System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(root.GetProperty("data").GetString()!)),
            root.GetProperty("tls").GetBoolean(),
            root.GetProperty("authenticated").GetBoolean());
    }
}
