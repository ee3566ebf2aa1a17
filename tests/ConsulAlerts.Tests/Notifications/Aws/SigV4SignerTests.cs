using System.Text;
using ConsulAlerts.Notifications.Aws;

namespace ConsulAlerts.Tests.Notifications.Aws;

public sealed class SigV4SignerTests
{
    public static TheoryData<string> SuiteCases => [.. SigV4TestSuite.Vectors.Keys];

    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void Sign_TestSuiteCase_MatchesCanonicalRequestStringToSignAndAuthorization(string name)
    {
        var vector = SigV4TestSuite.Vectors[name];
        var question = vector.Target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? vector.Target : vector.Target[..question];
        var query = question < 0 ? "" : vector.Target[(question + 1)..];
        var headers = vector.Headers.Select(h => new KeyValuePair<string, string>(h[..h.IndexOf(':', StringComparison.Ordinal)], h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..])).ToList();
        var request = new SigV4Request(vector.Method, SigV4TestSuite.Host, path, SigV4Signer.ParseQuery(query), headers, Encoding.UTF8.GetBytes(vector.Body));
        var credentials = new AwsCredentials(SigV4TestSuite.AccessKeyId, SigV4TestSuite.SecretAccessKey, vector.SessionToken ? SigV4TestSuite.SessionToken : null);

        var signed = SigV4Signer.Sign(request, credentials, SigV4TestSuite.Region, SigV4TestSuite.Service, SigV4TestSuite.Time);

        signed.CanonicalRequest.ShouldBe(vector.CanonicalRequest);
        signed.StringToSign.ShouldBe($"AWS4-HMAC-SHA256\n20150830T123600Z\n{SigV4TestSuite.Scope}\n{vector.CanonicalRequestHash}");
        signed.Authorization.ShouldBe(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{SigV4TestSuite.Scope}, SignedHeaders={vector.SignedHeaders}, Signature={vector.Signature}");
        signed.AmzDate.ShouldBe("20150830T123600Z");
    }

    /// <summary>The worked example of the AWS General Reference ("Signature Version 4 signing process"): IAM ListUsers.</summary>
    [Fact]
    public void Sign_IamListUsersExample_MatchesTheDocumentedSignature()
    {
        var request = new SigV4Request("GET", "iam.amazonaws.com", "/", SigV4Signer.ParseQuery("Action=ListUsers&Version=2010-05-08"),
            [new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], ReadOnlyMemory<byte>.Empty);
        var credentials = new AwsCredentials(SigV4TestSuite.AccessKeyId, SigV4TestSuite.SecretAccessKey);

        var signed = SigV4Signer.Sign(request, credentials, "us-east-1", "iam", SigV4TestSuite.Time);

        signed.CanonicalRequest.ShouldBe(
            "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\n"
            + "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n" + SigV4TestSuite.EmptyHash);
        signed.StringToSign.ShouldBe(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        signed.Authorization.ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
            + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    [Fact]
    public void SigningKey_IamExample_MatchesTheDocumentedKey()
    {
        var key = SigV4Signer.SigningKey(SigV4TestSuite.SecretAccessKey, "20150830", "us-east-1", "iam");

        Convert.ToHexStringLower(key).ShouldBe("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    [Fact]
    public void Sign_LocalTimeGiven_UsesUtc()
    {
        var request = new SigV4Request("GET", SigV4TestSuite.Host, "/", [], [], ReadOnlyMemory<byte>.Empty);
        var credentials = new AwsCredentials(SigV4TestSuite.AccessKeyId, SigV4TestSuite.SecretAccessKey);

        var signed = SigV4Signer.Sign(request, credentials, SigV4TestSuite.Region, SigV4TestSuite.Service, SigV4TestSuite.Time.ToOffset(TimeSpan.FromHours(-7)));

        signed.Signature.ShouldBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    [Fact]
    public void Sign_Anything_NeverContainsTheSecretKey()
    {
        var request = new SigV4Request("POST", SigV4TestSuite.Host, "/", [], [], "x"u8.ToArray());
        var credentials = new AwsCredentials(SigV4TestSuite.AccessKeyId, SigV4TestSuite.SecretAccessKey, "TOKENVALUE123");

        var signed = SigV4Signer.Sign(request, credentials, SigV4TestSuite.Region, SigV4TestSuite.Service, SigV4TestSuite.Time);

        signed.ToString().ShouldNotContain(SigV4TestSuite.SecretAccessKey);
        credentials.ToString().ShouldNotContain(SigV4TestSuite.SecretAccessKey);
        credentials.ToString().ShouldNotContain("TOKENVALUE123");
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b=c&d", "a%2Bb%3Dc%26d")]
    [InlineData("-_.~AZaz09", "-_.~AZaz09")]
    [InlineData("é/", "%C3%A9%2F")]
    [InlineData("arn:aws:sns:us-east-1:123456789012:alerts", "arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aalerts")]
    public void Encode_Text_PercentEncodesAllButUnreservedInUpperCase(string text, string expected) =>
        SigV4Signer.Encode(text).ShouldBe(expected);

    [Theory]
    [InlineData("https://sns.us-east-1.amazonaws.com/", "sns.us-east-1.amazonaws.com")]
    [InlineData("https://sns.us-east-1.amazonaws.com:443/", "sns.us-east-1.amazonaws.com")]
    [InlineData("http://127.0.0.1:8080/", "127.0.0.1:8080")]
    [InlineData("http://127.0.0.1/", "127.0.0.1")]
    public void HostHeader_Url_HasThePortOnlyWhenNotDefault(string url, string expected) =>
        SigV4Signer.HostHeader(new Uri(url)).ShouldBe(expected);
}
