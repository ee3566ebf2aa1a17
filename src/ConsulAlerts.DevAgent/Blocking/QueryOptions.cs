using ConsulAlerts.DevAgent.Http;
using Microsoft.AspNetCore.Http;

namespace ConsulAlerts.DevAgent.Blocking;

/// <summary>The blocking and consistency parameters of a read (<c>index</c>, <c>wait</c>, <c>stale</c>, <c>consistent</c>).</summary>
internal sealed record QueryOptions(ulong MinIndex, TimeSpan Wait, bool Stale, bool Consistent)
{
    /// <summary>The value of <c>X-Consul-Effective-Consistency</c>.</summary>
    public string Consistency => Stale ? "stale" : Consistent ? "consistent" : "leader";

    public static QueryOptions Parse(IQueryCollection query)
    {
        var stale = query.ContainsKey("stale");
        var consistent = query.ContainsKey("consistent");

        if (query.TryGetValue("max_stale", out var maxStale) && !string.IsNullOrEmpty(maxStale))
        {
            if (!GoDuration.TryParse(maxStale.ToString(), out var maxStaleValue))
            {
                throw new ConsulHttpException(400, $"Invalid max_stale value \"{maxStale}\"");
            }

            stale |= maxStaleValue > TimeSpan.Zero;
        }

        if (stale && consistent)
        {
            throw new ConsulHttpException(400, "Cannot specify ?stale with ?consistent, conflicting semantics.");
        }

        if (query.ContainsKey("cached") && consistent)
        {
            throw new ConsulHttpException(400, "Cannot specify ?cached with ?consistent, conflicting semantics.");
        }

        var (index, wait) = ParseWait(query);
        return new QueryOptions(index, wait, stale, consistent);
    }

    /// <summary>Only <c>wait</c> and <c>index</c> (Consul's parseWait), for agent-local endpoints such as the event list.</summary>
    public static (ulong Index, TimeSpan Wait) ParseWait(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var wait = TimeSpan.Zero;
        if (query.TryGetValue("wait", out var waitText) && !string.IsNullOrEmpty(waitText))
        {
            if (!GoDuration.TryParse(waitText.ToString(), out wait))
            {
                throw new ConsulHttpException(400, "Invalid wait time");
            }
        }

        ulong index = 0;
        if (query.TryGetValue("index", out var indexText) && !string.IsNullOrEmpty(indexText))
        {
            if (!ulong.TryParse(indexText.ToString(), System.Globalization.NumberStyles.None, null, out index))
            {
                throw new ConsulHttpException(400, "Invalid index");
            }
        }

        return (index, wait);
    }

    /// <summary>How long a server-side blocking query may wait: default when unset, clamped, plus up to 1/16 jitter.</summary>
    public TimeSpan BlockingTimeout(TimeSpan defaultWait, TimeSpan maxWait)
    {
        var timeout = Wait <= TimeSpan.Zero ? defaultWait : Wait;
        if (timeout > maxWait)
        {
            timeout = maxWait;
        }

        var jitterTicks = timeout.Ticks / 16;
        return jitterTicks > 0 ? timeout + TimeSpan.FromTicks(Random.Shared.NextInt64(jitterTicks)) : timeout;
    }
}
