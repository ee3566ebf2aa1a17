namespace ConsulAlerts.ContractTests.Infrastructure;

/// <summary>The ACL setup both ACL-enabled agents share: default policy deny and a known bootstrap token.</summary>
public static class AclAgents
{
    /// <summary>The bootstrap (master) token: every right.</summary>
    public const string BootstrapToken = "9d1c3d8e-4a57-4a0a-9a44-2c1b8f0e7a11";

    /// <summary>Agent configuration for a real agent: ACLs on, deny by default, the bootstrap token also the agent's own.</summary>
    public static string RealAgentConfig { get; } = $$"""
        {
          "primary_datacenter": "dc1",
          "acl": {
            "enabled": true,
            "default_policy": "deny",
            "down_policy": "extend-cache",
            "tokens": { "master": "{{BootstrapToken}}", "agent": "{{BootstrapToken}}" }
          }
        }
        """;
}
