using System.Net;
using System.Text;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>
/// An agent with ACLs on and default policy deny, as production clusters run: what the daemon gets with a token that
/// lacks rights, an unknown token, no token, and the bootstrap token.
/// </summary>
public abstract class AclContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpMethod method, string path, string? token, string? body = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Agent.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Add("X-Consul-Token", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A token with no policy at all, made with the bootstrap token.</summary>
    private async Task<string> TokenWithoutRightsAsync()
    {
        using var response = await PutJsonAsync("v1/acl/token", $$$"""{"Description":"{{{Unique("no-rights")}}}"}""");
        var secret = Str((await ExpectJsonAsync(response))!["SecretID"]);
        secret.ShouldNotBeNullOrEmpty();
        return secret;
    }

    [SkippableFact]
    public async Task KvPut_TokenWithoutRights_Returns403PermissionDeniedAndWritesNothing()
    {
        var token = await TokenWithoutRightsAsync();

        using var response = await SendWithTokenAsync(HttpMethod.Put, $"v1/kv/{Key("a")}", token, "v");

        (await ExpectStatusAsync(response, HttpStatusCode.Forbidden)).ShouldStartWith("Permission denied");
        (await GetKvAsync(Key("a"))).ShouldBeNull();
    }

    [SkippableFact]
    public async Task KvGet_TokenWithoutRights_Returns403PermissionDenied()
    {
        var token = await TokenWithoutRightsAsync();
        await PutKvAsync(Key("a"), "secret");

        using var response = await SendWithTokenAsync(HttpMethod.Get, $"v1/kv/{Key("a")}", token);

        (await ExpectStatusAsync(response, HttpStatusCode.Forbidden)).ShouldStartWith("Permission denied");
    }

    [SkippableFact]
    public async Task KvGet_NoToken_Returns403PermissionDenied()
    {
        await PutKvAsync(Key("a"), "secret");

        using var response = await SendWithTokenAsync(HttpMethod.Get, $"v1/kv/{Key("a")}", token: null);

        (await ExpectStatusAsync(response, HttpStatusCode.Forbidden)).ShouldStartWith("Permission denied");
    }

    [SkippableFact]
    public async Task KvGet_UnknownToken_Returns403AclNotFound()
    {
        using var response = await SendWithTokenAsync(HttpMethod.Get, $"v1/kv/{Key("a")}", Guid.NewGuid().ToString());

        (await ExpectStatusAsync(response, HttpStatusCode.Forbidden)).ShouldBe("ACL not found");
    }

    [SkippableFact]
    public async Task SessionCreate_TokenWithoutRights_Returns403PermissionDenied()
    {
        var token = await TokenWithoutRightsAsync();

        using var response = await SendWithTokenAsync(HttpMethod.Put, "v1/session/create", token, "{}");

        (await ExpectStatusAsync(response, HttpStatusCode.Forbidden)).ShouldStartWith("Permission denied");
    }

    [SkippableFact]
    public async Task KvPutAndGet_BootstrapToken_Succeed()
    {
        (await PutKvAsync(Key("a"), "v")).ShouldBeTrue();

        ValueOf(await GetExistingKvAsync(Key("a"))).ShouldBe("v");
    }

    [SkippableFact]
    public async Task StatusLeader_NoToken_AnswersWithoutAcl()
    {
        using var response = await SendWithTokenAsync(HttpMethod.Get, "v1/status/leader", token: null);

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).ShouldContain(":");
    }

    [SkippableFact]
    public async Task AnyAnswer_SendsDenyAsDefaultAclPolicy()
    {
        using var response = await SendWithTokenAsync(HttpMethod.Get, "v1/status/leader", token: null);

        Header(response, "X-Consul-Default-ACL-Policy").ShouldBe("deny");
    }

    [SkippableTheory]
    [InlineData("v1/operator/autopilot/health")]
    [InlineData("v1/operator/raft/configuration")]
    public async Task OperatorRead_TokenWithoutRights_Returns403PermissionDenied(string path)
    {
        var token = await TokenWithoutRightsAsync();

        using var response = await SendWithTokenAsync(HttpMethod.Get, path, token);

        (await ExpectStatusAsync(response, HttpStatusCode.Forbidden)).ShouldStartWith("Permission denied");
    }

    [SkippableFact]
    public async Task OperatorRead_BootstrapToken_Succeeds()
    {
        using var response = await GetAsync("v1/operator/raft/configuration");

        await ExpectJsonAsync(response);
    }

    [SkippableFact]
    public async Task CatalogDatacenters_NoToken_AnswersWithoutAcl()
    {
        using var response = await SendWithTokenAsync(HttpMethod.Get, "v1/catalog/datacenters", token: null);

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).ShouldContain(await Agent.DatacenterAsync());
    }
}
