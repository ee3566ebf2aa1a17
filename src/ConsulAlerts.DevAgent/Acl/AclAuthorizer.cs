using System.Collections.Concurrent;

namespace ConsulAlerts.DevAgent.Acl;

/// <summary>
/// The dev agent's minimal ACL system (on when <see cref="DevAgentOptions.AclBootstrapToken"/> is set): the bootstrap
/// token may do everything; a token made with <c>PUT /v1/acl/token</c>, or no token, gets the default policy; an unknown
/// token is refused. A real agent filters list reads instead of refusing them; the dev agent refuses every endpoint but
/// <c>/v1/status/*</c> alike.
/// </summary>
internal sealed class AclAuthorizer(DevAgentOptions options)
{
    private readonly ConcurrentDictionary<string, AclToken> _tokens = new(StringComparer.Ordinal);

    public bool Enabled => options.AclBootstrapToken is not null;

    /// <summary>What <c>X-Consul-Default-ACL-Policy</c> says.</summary>
    public string DefaultPolicy => Enabled ? options.AclDefaultPolicy : "allow";

    public bool IsBootstrap(string? token) => Enabled && token == options.AclBootstrapToken;

    public void Add(AclToken token) => _tokens[token.SecretID] = token;

    /// <summary>The 403 body for a request with <paramref name="token"/>, or null when it may go ahead.</summary>
    public string? Refusal(string? token)
    {
        if (!Enabled || IsBootstrap(token))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(token) && !_tokens.ContainsKey(token))
        {
            return "ACL not found";
        }

        return DefaultPolicy == "deny" ? "Permission denied" : null;
    }
}
