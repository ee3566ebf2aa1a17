using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsulAlerts.Api;

/// <summary>
/// <c>POST /v1/process/checks</c> and <c>/v1/process/events</c>: accept <c>consul watch</c> handler payloads (a JSON
/// array) and wake the matching watcher, which re-reads Consul. 401 without the API token when one is set, 400 for a
/// body that is not a JSON array, 413 above <see cref="MaxBodyBytes"/>, 200 otherwise. A body the server cuts off (sent
/// slower than Kestrel's minimum rate) gets Kestrel's status, 408, and one debug line.
/// </summary>
internal static class ProcessEndpoints
{
    public const string ChecksPath = "/v1/process/checks";
    public const string EventsPath = "/v1/process/events";

    /// <summary>1 MiB: far above any real watch payload, small enough that nobody can make the daemon buffer much.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ChecksPath, [HttpMethods.Post, HttpMethods.Put], (RequestDelegate)(c => HandleAsync(c, t => t.RequestChecks())));
        endpoints.MapMethods(EventsPath, [HttpMethods.Post, HttpMethods.Put], (RequestDelegate)(c => HandleAsync(c, t => t.RequestEvents())));
    }

    private static async Task HandleAsync(HttpContext context, Action<ProcessTriggers> trigger)
    {
        // Checked before the body is read: an unauthenticated caller cannot make the daemon buffer anything.
        var access = context.RequestServices.GetService<ApiAccess>() ?? ApiAccess.Open;
        if (!await access.AuthorizeAsync(context))
        {
            return;
        }

        // A declared length over the limit is refused unread; a chunked body is cut off once it passes the limit.
        byte[]? body;
        try
        {
            body = context.Request.ContentLength > MaxBodyBytes ? null : await ReadBoundedAsync(context);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel cut the body off (sent too slowly, malformed chunks): the client's fault, so its status (408, 400)
            // and one debug line, not an unhandled exception logged as an error with a stack trace.
            var logger = Logger(context);
            string path = context.Request.Path.ToString();
            ApiLog.BodyRejected(logger, context.Request.Method, path, ex.StatusCode, ex.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ex.StatusCode;
            }

            return;
        }
        catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            var logger = Logger(context);
            string path = context.Request.Path.ToString();
            ApiLog.ClientGone(logger, context.Request.Method, path);
            return;
        }

        if (body is null)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"payload larger than {MaxBodyBytes} bytes");
            return;
        }

        if (!IsJsonArray(body))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "expected a JSON array, as consul watch handlers send");
            return;
        }

        trigger(context.RequestServices.GetRequiredService<ProcessTriggers>());
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer (a chunked body has no Content-Length to check first).</summary>
    internal static async Task<byte[]?> ReadBoundedAsync(HttpContext context, int maxBytes = MaxBodyBytes)
    {
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(ProcessEndpoints).FullName!) ?? NullLogger.Instance;

    private static bool IsJsonArray(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
