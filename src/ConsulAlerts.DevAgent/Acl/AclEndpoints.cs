using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Acl;

/// <summary><c>PUT /v1/acl/token</c>: makes a token (with no rights, in the dev agent).</summary>
internal static class AclEndpoints
{
    public static void Map(Router router) => router.Exact("/v1/acl/token", RouteKind.Server, CreateTokenAsync, "PUT");

    private static async Task CreateTokenAsync(ApiRequest request)
    {
        if (!request.Runtime.Acl.Enabled)
        {
            throw new ConsulHttpException(401, "ACL support disabled");
        }

        var body = await request.ReadStrictJsonAsync<AclTokenRequest>("structs.ACLToken");
        var token = request.Store.Write(index => new AclToken
        {
            AccessorID = Guid.NewGuid().ToString(),
            SecretID = Guid.NewGuid().ToString(),
            Description = body.Description ?? "",
            Local = body.Local,
            CreateIndex = index,
            ModifyIndex = index,
        });
        request.Runtime.Acl.Add(token);
        await request.WriteJsonAsync(token);
    }
}
