using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConsulAlerts.Api;

/// <summary>
/// The optional API token (<c>--api-token</c>): when set, requests that change something (<c>POST /v1/process/*</c>)
/// must carry <c>Authorization: Bearer &lt;token&gt;</c>; reads stay open. Only a hash of the token is kept, and
/// tokens are compared by their hashes in constant time, so neither content nor length leaks through timing.
/// </summary>
internal sealed class ApiAccess
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _tokenHash;

    public ApiAccess(string? token)
    {
        _tokenHash = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>No token: every request is allowed.</summary>
    public static ApiAccess Open { get; } = new(null);

    public bool TokenRequired => _tokenHash is not null;

    /// <summary>Whether an <c>Authorization</c> header value grants access.</summary>
    public bool IsAuthorized(string? authorization)
    {
        if (_tokenHash is null)
        {
            return true;
        }

        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _tokenHash);
    }

    /// <summary>Answers 401 and returns false unless the request is authorized.</summary>
    public async Task<bool> AuthorizeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsAuthorized(context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null))
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("this endpoint needs Authorization: Bearer <api token>\n");
        return false;
    }
}
