using System.Net;
using System.Text;
using Amazon.Runtime;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Aws;
using ConsulAlerts.Notifications.Notifiers.AwsSns;
using ConsulAlerts.Tests.Notifications.Testing;
using ConsulAlerts.Tests.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using static ConsulAlerts.Tests.Notifications.Testing.HttpNotifierTesting;

namespace ConsulAlerts.Tests.Notifications.Notifiers.AwsSns;

/// <remarks>
/// In the process environment collection: the tests of the SDK's credential chain set AWS variables of this process.
/// The others get their credentials from a fixed resolver and read no AWS variable.
/// </remarks>
[Collection(ProcessEnvironmentGroup.Name)]
public sealed class AwsSnsNotifierTests : IDisposable
{
    private const string KeyId = "AKIDTESTKEY";
    private const string Secret = "tEsTsEcReT/KEY+SECRET0123456789abcdefghi";
    private const string Token = "SESSIONTOKEN-SECRET-xyz";
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:alerts";

    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private readonly FakeLoggerProvider _logs = new();
    private readonly LoggerFactory _loggerFactory;
    private readonly TempDirectory _directory = new();

    public AwsSnsNotifierTests() => _loggerFactory = new LoggerFactory([_logs]);

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _directory.Dispose();
        AwsTestEnvironment.Reread();
    }

    /// <summary>A notifier with fixed credentials (a session token when given) and <paramref name="extra"/> as its environment.</summary>
    private AwsSnsNotifier Notifier(IHttpClientFactory? clients = null, string? token = null, params (string Name, string Value)[] extra)
    {
        var environment = extra.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        AWSCredentials credentials = token is null ? new BasicAWSCredentials(KeyId, Secret) : new SessionAWSCredentials(KeyId, Secret, token);
        return new AwsSnsNotifier(clients ?? Clients(), new FakeTimeProvider(Now).InZone(TimeZoneInfo.Utc), _loggerFactory.CreateLogger<AwsSnsNotifier>(),
            new AwsCredentialResolver(new FixedAwsCredentials(credentials)), name => environment.GetValueOrDefault(name));
    }

    /// <summary>A notifier on the SDK's default credential chain over this process's environment.</summary>
    private AwsSnsNotifier DefaultChainNotifier(IHttpClientFactory? clients = null) =>
        new(clients ?? Clients(), new FakeTimeProvider(Now).InZone(TimeZoneInfo.Utc), _loggerFactory.CreateLogger<AwsSnsNotifier>(),
            AwsCredentialResolver.CreateDefault(), Environment.GetEnvironmentVariable);

    /// <summary>The request carries the token and a signature by these credentials over what arrived.</summary>
    private static void ShouldBeSignedBy(ReceivedRequest request, string keyId, string secret, string token)
    {
        request.Header("X-Amz-Security-Token").ShouldBe(token);
        var expected = SigV4Signer.Sign(
            new SigV4Request("POST", request.Header("Host")!, "/", [], [new("content-type", request.Header("Content-Type")!)], Encoding.UTF8.GetBytes(request.Body)),
            new AwsCredentials(keyId, secret, token), "eu-west-1", "sns", Now);
        request.Header("Authorization").ShouldBe(expected.Authorization);
        request.Header("Authorization").ShouldNotBeNull().ShouldContain($"Credential={keyId}/");
        request.Body.ShouldNotContain(secret);
    }

    private static ConsulAlerts.Configuration.NotifierConfig SnsConfig(string baseUrl, params (string Key, string Value)[] more) =>
        Config("awssns", [("region", "eu-west-1"), ("topic-arn", TopicArn), ("base-url", baseUrl), .. more]);

    private static Dictionary<string, string> Form(ReceivedRequest request) =>
        QueryHelpers.ParseQuery("?" + request.Body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static Message[] SomeCheck() =>
    [
        new Message { Node = "some node", Service = "some service", Check = "some check", Status = "critical" },
    ];

    [Fact]
    public async Task NotifyAsync_Batch_PostsThePublishFormToTheBaseUrl()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        var result = await Notifier().NotifyAsync(CriticalAndPassing(), SnsConfig(receiver.Url("/")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok);
        var request = receiver.Single();
        request.Method.ShouldBe("POST");
        request.PathAndQuery.ShouldBe("/");
        request.Header("Host").ShouldBe($"127.0.0.1:{receiver.BaseUrl.Port}");
        request.Header("Content-Type").ShouldBe("application/x-www-form-urlencoded; charset=utf-8");
        var form = Form(request);
        form.Keys.Order(StringComparer.Ordinal).ShouldBe(["Action", "Message", "Subject", "TopicArn", "Version"]);
        form["Action"].ShouldBe("Publish");
        form["Version"].ShouldBe("2010-03-31");
        form["TopicArn"].ShouldBe(TopicArn);
        form["Subject"].ShouldBe("CRITICAL--Fail: 1, Warn: 0, Pass: 1");
        form["Message"].ShouldBe("\nnode1:web:HTTP on :80 is critical.node2::Serf Health Status is passing.");
    }

    [Fact]
    public async Task NotifyAsync_Batch_SignsWhatItSendsWithSigV4ForSns()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        await Notifier().NotifyAsync(CriticalAndPassing(), SnsConfig(receiver.Url("/")), CancellationToken.None);

        var request = receiver.Single();
        request.Header("X-Amz-Date").ShouldBe("20260304T050607Z");
        request.Header("X-Amz-Security-Token").ShouldBeNull();
        var authorization = request.Header("Authorization").ShouldNotBeNull();
        authorization.ShouldStartWith($"AWS4-HMAC-SHA256 Credential={KeyId}/20260304/eu-west-1/sns/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=");
        // Recomputed from what arrived: any change on the way (host, content type, body) would break it.
        var expected = SigV4Signer.Sign(
            new SigV4Request("POST", request.Header("Host")!, "/", [], [new("content-type", request.Header("Content-Type")!)], Encoding.UTF8.GetBytes(request.Body)),
            new AwsCredentials(KeyId, Secret), "eu-west-1", "sns", Now);
        authorization.ShouldBe(expected.Authorization);
        request.Body.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task NotifyAsync_SessionCredentials_SendsAndSignsTheToken()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        await Notifier(token: Token).NotifyAsync(SomeCheck(), SnsConfig(receiver.Url("/")), CancellationToken.None);

        var request = receiver.Single();
        request.Header("X-Amz-Security-Token").ShouldBe(Token);
        var expected = SigV4Signer.Sign(
            new SigV4Request("POST", request.Header("Host")!, "/", [], [new("content-type", request.Header("Content-Type")!)], Encoding.UTF8.GetBytes(request.Body)),
            new AwsCredentials(KeyId, Secret, Token), "eu-west-1", "sns", Now);
        request.Header("Authorization").ShouldBe(expected.Authorization);
        expected.SignedHeaders.ShouldBe("content-type;host;x-amz-date;x-amz-security-token");
    }

    [Fact]
    public async Task NotifyAsync_NoTemplate_SendsTheGoDefaultMessage()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();

        await Notifier().NotifyAsync(SomeCheck(), SnsConfig(receiver.Url("/")), CancellationToken.None);

        var form = Form(receiver.Single());
        form["Subject"].ShouldBe("CRITICAL--Fail: 1, Warn: 0, Pass: 0");
        form["Message"].ShouldBe("\nsome node:some service:some check is critical.");
    }

    [Fact]
    public async Task NotifyAsync_TemplateFile_RendersItWithTheTemplateData()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var path = Path.Combine(_directory.Path, "sns.tmpl");
        await File.WriteAllTextAsync(path, "custom template: Failed: {{ .FailCount }} on {{ .ClusterName }} <{{ range $n, $c := .Nodes }}{{ $n }}{{ end }}>");

        await Notifier().NotifyAsync([.. SomeCheck(), Messages.Critical(node: "a&b")], SnsConfig(receiver.Url("/"), ("template", path), ("cluster-name", "prod")), CancellationToken.None);

        // Go renders with html/template: values are HTML-escaped, the template's own text is not.
        Form(receiver.Single())["Message"].ShouldBe("custom template: Failed: 2 on prod <a&amp;bsome node>");
    }

    [Fact]
    public async Task NotifyAsync_BrokenTemplate_LogsWhereAndSendsTheDefault()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var path = Path.Combine(_directory.Path, "broken.tmpl");
        await File.WriteAllTextAsync(path, "line one\n  {{ .FailCount ");

        var result = await Notifier().NotifyAsync(SomeCheck(), SnsConfig(receiver.Url("/"), ("template", path)), CancellationToken.None);

        result.Success.ShouldBeTrue();
        Form(receiver.Single())["Message"].ShouldBe("\nsome node:some service:some check is critical.");
        var log = _logs.Messages.Where(m => m.Contains("SNS template", StringComparison.Ordinal)).ShouldHaveSingleItem();
        log.ShouldContain(path);
        log.ShouldContain("line 2");
        log.ShouldContain("column");
    }

    [Fact]
    public async Task NotifyAsync_TemplateFileMissing_LogsAndSendsTheDefault()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        var path = Path.Combine(_directory.Path, "nope.tmpl");

        await Notifier().NotifyAsync(SomeCheck(), SnsConfig(receiver.Url("/"), ("template", path)), CancellationToken.None);

        Form(receiver.Single())["Message"].ShouldBe("\nsome node:some service:some check is critical.");
        _logs.Messages.Where(m => m.Contains("SNS template", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("not found");
    }

    [Fact]
    public async Task NotifyAsync_NoBaseUrl_PostsToTheRegionalEndpoint()
    {
        var clients = new RecordingClients();

        await Notifier(clients).NotifyAsync(SomeCheck(), Config("awssns", ("region", "ap-southeast-2"), ("topic-arn", TopicArn)), CancellationToken.None);

        clients.Uri.ShouldBe(new Uri("https://sns.ap-southeast-2.amazonaws.com/"));
        clients.Authorization.ShouldNotBeNull().ShouldContain("/ap-southeast-2/sns/aws4_request");
    }

    [Fact]
    public async Task NotifyAsync_RegionFromEnvironment_IsUsedWhenNotConfigured()
    {
        var clients = new RecordingClients();

        await Notifier(clients, null, ("AWS_REGION", "us-west-2")).NotifyAsync(SomeCheck(), Config("awssns", ("topic-arn", TopicArn)), CancellationToken.None);

        clients.Uri.ShouldBe(new Uri("https://sns.us-west-2.amazonaws.com/"));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "", true, false, null)]
    [InlineData(HttpStatusCode.BadRequest, "Throttling", false, true, "HTTP 400 Bad Request (Throttling)")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter", false, false, "HTTP 400 Bad Request (InvalidParameter)")]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", false, false, "HTTP 403 Forbidden (SignatureDoesNotMatch)")]
    [InlineData(HttpStatusCode.Forbidden, "", false, false, "HTTP 403 Forbidden")]
    [InlineData(HttpStatusCode.NotFound, "NotFound", false, false, "HTTP 404 Not Found (NotFound)")]
    [InlineData(HttpStatusCode.TooManyRequests, "ThrottledException", false, true, "HTTP 429 Too Many Requests (ThrottledException)")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", false, true, "HTTP 500 Internal Server Error (InternalError)")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "", false, true, "HTTP 503 Service Unavailable")]
    public async Task NotifyAsync_Response_IsClassifiedByStatusAndErrorCode(HttpStatusCode status, string code, bool success, bool retryable, string? error)
    {
        var clients = new CannedResponseClients
        {
            Status = status,
            Body = code.Length == 0 ? "" :
                $"<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>{code}</Code>"
                + $"<Message>The request signature we calculated does not match; secret {Secret}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
        };

        var result = await Notifier(clients).NotifyAsync(SomeCheck(), SnsConfig("https://sns.example.test/"), CancellationToken.None);

        result.Success.ShouldBe(success);
        result.Retryable.ShouldBe(retryable);
        result.Error.ShouldBe(error);
        clients.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task NotifyAsync_Failure_NeverNamesTheSecretsInTheErrorOrLogs()
    {
        var clients = new CannedResponseClients { Status = HttpStatusCode.Forbidden, Body = $"<ErrorResponse><Error><Code>{Secret}</Code></Error></ErrorResponse>" };

        var result = await Notifier(clients, Token).NotifyAsync(SomeCheck(), SnsConfig("https://sns.example.test/"), CancellationToken.None);

        ShouldBeSecretFreeFailure(result, retryable: false, "https://sns.example.test/", Secret, Token);
        _logs.Messages.ShouldAllBe(m => !m.Contains(Secret) && !m.Contains(Token));
    }

    [Fact]
    public async Task NotifyAsync_Unreachable_IsRetryable()
    {
        var result = await Notifier().NotifyAsync(SomeCheck(), SnsConfig(LoopbackReceiver.RefusingUrl("/")), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeTrue();
        result.Error.ShouldBe("request failed: cannot connect");
    }

    [Fact]
    public async Task NotifyAsync_ContainerCredentialsEndpoint_SignsWithItsCredentials()
    {
        const string keyId = "ASIACONTAINERKEY";
        const string secret = "container/SECRET+key";
        const string token = "container-session-SECRET-token";
        const string authorization = "container-authorization-SECRET";
        await using var sns = await LoopbackReceiver.StartAsync();
        await using var container = await LoopbackReceiver.StartAsync();
        AwsCredentialEndpoints.ServeContainerCredentials(container, "/v2/credentials/task", keyId, secret, token);
        using var environment = AwsTestEnvironment.Clean(
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.Url("/v2/credentials/task")), ("AWS_CONTAINER_AUTHORIZATION_TOKEN", authorization));
        using var notifier = DefaultChainNotifier();

        var result = await notifier.NotifyAsync(SomeCheck(), SnsConfig(sns.Url("/")), CancellationToken.None);

        result.ShouldBe(NotifyResult.Ok, result.Error);
        container.Requests.ShouldAllBe(r => r.Header("Authorization") == authorization);
        ShouldBeSignedBy(sns.Single(), keyId, secret, token);
        _logs.Messages.ShouldAllBe(m => !m.Contains(secret) && !m.Contains(token) && !m.Contains(authorization));
    }

    [Fact]
    public async Task NotifyAsync_InstanceMetadataV2_SignsWithTheRoleCredentials()
    {
        const string keyId = "ASIAINSTANCEKEY";
        const string secret = "instance/SECRET+key";
        const string token = "instance-session-SECRET-token";
        await using var sns = await LoopbackReceiver.StartAsync();
        await using var metadata = await LoopbackReceiver.StartAsync();
        AwsCredentialEndpoints.ServeInstanceMetadata(metadata, "alerts-role", keyId, secret, token);
        using var environment = AwsTestEnvironment.Clean(
            (AwsIsolation.InstanceMetadataDisabled, "false"), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadata.BaseUrl.ToString().TrimEnd('/')));
        try
        {
            using var notifier = DefaultChainNotifier();

            var result = await notifier.NotifyAsync(SomeCheck(), SnsConfig(sns.Url("/")), CancellationToken.None);

            result.ShouldBe(NotifyResult.Ok, result.Error);
            ShouldBeSignedBy(sns.Single(), keyId, secret, token);
            var reads = metadata.Requests.Where(r => r.PathAndQuery.StartsWith("/latest/meta-data/", StringComparison.Ordinal)).ToList();
            reads.ShouldNotBeEmpty();
            reads.ShouldAllBe(r => r.Header("X-aws-ec2-metadata-token") == AwsCredentialEndpoints.ImdsToken, "IMDSv2: every read carries the session token");
            metadata.Requests.ShouldContain(r => r.Method == "PUT" && r.PathAndQuery == "/latest/api/token");
            _logs.Messages.ShouldAllBe(m => !m.Contains(secret) && !m.Contains(token));
        }
        finally
        {
            AwsTestEnvironment.StopInstanceMetadataRefresh();
        }
    }

    [Fact]
    public async Task NotifyAsync_NoCredentialsAnywhere_FailsWithoutSendingOrQuotingASecret()
    {
        // A secret key without its key id is no credential, and must not show in the error.
        using var environment = AwsTestEnvironment.Clean(("AWS_SECRET_ACCESS_KEY", Secret));
        var clients = new CannedResponseClients();
        using var notifier = DefaultChainNotifier(clients);

        var result = await notifier.NotifyAsync(SomeCheck(), SnsConfig("https://sns.example.test/"), CancellationToken.None);

        result.Success.ShouldBeFalse();
        result.Retryable.ShouldBeFalse();
        var error = result.Error.ShouldNotBeNull();
        error.ShouldStartWith("no AWS credentials found: ");
        error.ShouldContain("AWS_ACCESS_KEY_ID");
        error.ShouldNotContain(Secret);
        error.ShouldNotContain("\n");
        clients.Requests.ShouldBe(0);
    }

    [Theory]
    [InlineData("region", "eu-west-1", "topic-arn", "", "no topic-arn configured")]
    [InlineData("topic-arn", TopicArn, "region", "", "no region configured (region key, AWS_REGION or AWS_DEFAULT_REGION)")]
    [InlineData("topic-arn", TopicArn, "region", "evil.example.com/x", "region is not an AWS region name")]
    [InlineData("topic-arn", TopicArn, "base-url", "ftp://x/", "base-url: url is not an absolute http or https URL")]
    public async Task NotifyAsync_BadSettings_FailsWithoutSending(string key1, string value1, string key2, string value2, string error)
    {
        var clients = new CannedResponseClients();
        var config = Config("awssns", [(key1, value1), .. value2.Length == 0 ? [] : new[] { (key2, value2) }, .. key2 == "base-url" ? new[] { ("region", "eu-west-1") } : []]);

        var result = await Notifier(clients).NotifyAsync(SomeCheck(), config, CancellationToken.None);

        result.ShouldBe(NotifyResult.Failed(error, retryable: false));
        clients.Requests.ShouldBe(0);
    }

    [Theory]
    [InlineData("CRITICAL--Fail: 1, Warn: 0, Pass: 0", "CRITICAL--Fail: 1, Warn: 0, Pass: 0")]
    [InlineData("naïve\nline", "na?ve line")]
    [InlineData("  padded  ", "padded")]
    [InlineData("", "consul-alerts")]
    public void SanitizeSubject_Text_IsPrintableAscii(string subject, string expected) =>
        AwsSnsNotifier.SanitizeSubject(subject).ShouldBe(expected);

    [Fact]
    public void SanitizeSubject_LongText_IsCutBelowOneHundredCharacters() =>
        AwsSnsNotifier.SanitizeSubject(new string('x', 150)).Length.ShouldBe(99);

    [Fact]
    public void Truncate_ShortMessage_IsUnchanged() =>
        AwsSnsNotifier.Truncate("short é").ShouldBe("short é");

    [Fact]
    public void Truncate_LongMessage_IsCutOnACharacterBoundaryWithinTheLimit()
    {
        var message = new string('a', 3) + string.Concat(Enumerable.Repeat("\U0001F525é", 100_000));

        var cut = AwsSnsNotifier.Truncate(message);

        Encoding.UTF8.GetByteCount(cut).ShouldBeLessThanOrEqualTo(AwsSnsNotifier.MaxMessageBytes);
        Encoding.UTF8.GetByteCount(cut).ShouldBeGreaterThan(AwsSnsNotifier.MaxMessageBytes - 8);
        cut.ShouldEndWith(AwsSnsNotifier.TruncatedMarker);
        message.ShouldStartWith(cut[..^AwsSnsNotifier.TruncatedMarker.Length]);
        char.IsHighSurrogate(cut[^(AwsSnsNotifier.TruncatedMarker.Length + 1)]).ShouldBeFalse();
    }

    [Theory]
    [InlineData("<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>", "Throttling")]
    [InlineData("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Code> AuthorizationError </Code></Error></ErrorResponse>", "AuthorizationError")]
    [InlineData("<ErrorResponse><Error><Code>has spaces in it</Code></Error></ErrorResponse>", null)]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"Throttling\">]><E><Code>&e;</Code></E>", null)]
    [InlineData("not xml", null)]
    [InlineData("", null)]
    public void ErrorCode_Body_IsTheCodeElementWhenItLooksLikeACode(string body, string? expected) =>
        AwsSnsNotifier.ErrorCode(body).ShouldBe(expected);

    /// <summary>Records the one request's URL and Authorization header, answering 200.</summary>
    private sealed class RecordingClients : IHttpClientFactory
    {
        public Uri? Uri { get; private set; }

        public string? Authorization { get; private set; }

        public HttpClient CreateClient(string name) => new(new Handler(this));

        private sealed class Handler(RecordingClients owner) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                owner.Uri = request.RequestUri;
                owner.Authorization = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
            }
        }
    }
}
