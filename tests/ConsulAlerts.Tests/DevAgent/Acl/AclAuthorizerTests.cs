using ConsulAlerts.DevAgent;
using ConsulAlerts.DevAgent.Acl;

namespace ConsulAlerts.Tests.DevAgent.Acl;

public sealed class AclAuthorizerTests
{
    private const string Bootstrap = "bootstrap-secret";

    [Theory]
    [InlineData(null, "deny", "Permission denied")]
    [InlineData("", "deny", "Permission denied")]
    [InlineData("made", "deny", "Permission denied")]
    [InlineData("unknown", "deny", "ACL not found")]
    [InlineData("unknown", "allow", "ACL not found")]
    [InlineData(Bootstrap, "deny", null)]
    [InlineData(null, "allow", null)]
    [InlineData("made", "allow", null)]
    public void Refusal_TokenAndDefaultPolicy_AsConsulAnswers(string? token, string policy, string? refusal)
    {
        var acl = new AclAuthorizer(new DevAgentOptions { AclBootstrapToken = Bootstrap, AclDefaultPolicy = policy });
        acl.Add(new AclToken { AccessorID = "a", SecretID = "made" });

        acl.Refusal(token).ShouldBe(refusal);
        acl.DefaultPolicy.ShouldBe(policy);
    }

    [Fact]
    public void Refusal_AclsOff_NothingIsRefused()
    {
        var acl = new AclAuthorizer(new DevAgentOptions());

        acl.Refusal("anything").ShouldBeNull();
        acl.DefaultPolicy.ShouldBe("allow");
    }
}
