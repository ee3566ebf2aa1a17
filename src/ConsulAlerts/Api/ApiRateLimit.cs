using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary>
/// A token bucket per client address on the methods that change something (POST, PUT, DELETE): a client past it is
/// answered 429 with <c>Retry-After</c> and never reaches the endpoint, so a flood of <c>/v1/process/*</c> cannot make
/// the daemon re-read Consul in a loop, nor a flood of silences write to KV. GET stays unlimited (Kestrel's
/// connection limit bounds it). ASP.NET Core's own limiter, so partitions of clients gone quiet are dropped by it.
/// </summary>
internal static class ApiRateLimit
{
    public static IServiceCollection AddApiRateLimit(this IServiceCollection services, ApiLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsWrite(context.Request.Method)
                    ? RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.WriteBurst,
                        TokensPerPeriod = limits.WriteRefill,
                        ReplenishmentPeriod = limits.WriteRefillPeriod,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected, limits, cancellationToken);
        });
    }

    public static IApplicationBuilder UseApiRateLimit(this IApplicationBuilder app) => app.UseRateLimiter();

    private static bool IsWrite(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;

    private static ValueTask RejectAsync(OnRejectedContext rejected, ApiLimits limits, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limits.WriteRefillPeriod;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"rate limit: at most {limits.WriteBurst} POST, PUT or DELETE requests at once and {limits.WriteRefill} per {limits.WriteRefillPeriod.TotalSeconds:0.###} s from one client; retry after {seconds} s\n");
        return new ValueTask(response.WriteAsync(message, cancellationToken));
    }
}
