using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ConsulAlerts.Tests.Notifications.Testing;

/// <summary>
/// Makes a <see cref="LoopbackReceiver"/> answer as the AWS credential endpoints do: the ECS/EKS container credentials
/// endpoint, EC2 instance metadata (IMDSv2: a session token first, then only requests carrying it), and STS's
/// <c>AssumeRoleWithWebIdentity</c>.
/// </summary>
internal static class AwsCredentialEndpoints
{
    public const string ImdsToken = "imds-session-token-1";

    /// <summary>Answers GET <paramref name="path"/> with the credentials as JSON.</summary>
    public static void ServeContainerCredentials(LoopbackReceiver receiver, string path, string keyId, string secret, string token) =>
        receiver.Handle(path, (_, response) => WriteJson(response, new Dictionary<string, string>
        {
            ["AccessKeyId"] = keyId,
            ["SecretAccessKey"] = secret,
            ["Token"] = token,
            ["Expiration"] = Expiration(),
        }));

    /// <summary>IMDSv2 with one role, <paramref name="role"/>, holding the credentials.</summary>
    public static void ServeInstanceMetadata(LoopbackReceiver receiver, string role, string keyId, string secret, string token)
    {
        receiver.Handle("/latest/api/token", (request, response) =>
        {
            if (request.Method != "PUT" || request.Header("X-aws-ec2-metadata-token-ttl-seconds") is null)
            {
                response.StatusCode = 400;
                return Task.CompletedTask;
            }

            response.Headers["X-aws-ec2-metadata-token-ttl-seconds"] = request.Header("X-aws-ec2-metadata-token-ttl-seconds");
            return response.WriteAsync(ImdsToken);
        });
        Func<ReceivedRequest, HttpResponse, Task> roles = (request, response) => WithToken(request, response, () => response.WriteAsync(role));
        receiver.Handle("/latest/meta-data/iam/security-credentials", roles);
        receiver.Handle("/latest/meta-data/iam/security-credentials/", roles);
        receiver.Handle($"/latest/meta-data/iam/security-credentials/{role}", (request, response) => WithToken(request, response, () => WriteJson(response, new Dictionary<string, string>
        {
            ["Code"] = "Success",
            ["LastUpdated"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["Type"] = "AWS-HMAC",
            ["AccessKeyId"] = keyId,
            ["SecretAccessKey"] = secret,
            ["Token"] = token,
            ["Expiration"] = Expiration(),
        })));
    }

    /// <summary>STS at <c>/</c>: answers <c>AssumeRoleWithWebIdentity</c> with the credentials.</summary>
    public static void ServeWebIdentity(LoopbackReceiver receiver, string keyId, string secret, string token) =>
        receiver.Handle("/", (_, response) =>
        {
            response.ContentType = "text/xml";
            return response.WriteAsync($"""
                <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleWithWebIdentityResult>
                    <SubjectFromWebIdentityToken>system:serviceaccount:ops:consul-alerts</SubjectFromWebIdentityToken>
                    <AssumedRoleUser>
                      <Arn>arn:aws:sts::123456789012:assumed-role/alerts/consul-alerts</Arn>
                      <AssumedRoleId>AROATEST:consul-alerts</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <SessionToken>{token}</SessionToken>
                      <SecretAccessKey>{secret}</SecretAccessKey>
                      <Expiration>{Expiration()}</Expiration>
                      <AccessKeyId>{keyId}</AccessKeyId>
                    </Credentials>
                    <Provider>oidc.example.test</Provider>
                  </AssumeRoleWithWebIdentityResult>
                  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
                </AssumeRoleWithWebIdentityResponse>
                """);
        });

    /// <summary>IMDSv2: a metadata request without the session token is refused.</summary>
    private static Task WithToken(ReceivedRequest request, HttpResponse response, Func<Task> answer)
    {
        if (request.Header("X-aws-ec2-metadata-token") != ImdsToken)
        {
            response.StatusCode = 401;
            return Task.CompletedTask;
        }

        return answer();
    }

    private static string Expiration() => DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static Task WriteJson(HttpResponse response, Dictionary<string, string> body)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
