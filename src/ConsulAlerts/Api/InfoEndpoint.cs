using System.Text.Encodings.Web;
using System.Text.Json;
using ConsulAlerts.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsulAlerts.Api;

/// <summary>
/// <c>GET /v1/info</c>: 201 with a <c>version</c> header, as the Go daemon answers; <c>start</c> and
/// scripts use it to find a running daemon.
/// </summary>
internal static class InfoEndpoint
{
    public const string Path = "/v1/info";

    // Relaxed escaping keeps the '+' of "0.1.0+<commit>" readable; the body is never embedded in HTML.
    private static readonly ApiJsonContext Json = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static readonly string Body = JsonSerializer.Serialize(
        new Dictionary<string, string> { ["name"] = ProductInfo.Name, ["version"] = ProductInfo.Version }, Json.DictionaryStringString);

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], (RequestDelegate)HandleAsync);

    private static Task HandleAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers["version"] = ProductInfo.Version;
        context.Response.ContentType = "application/json";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(Body);
    }
}
