using System.Text;
using ConsulAlerts.DevAgent.Blocking;
using ConsulAlerts.DevAgent.Http;

namespace ConsulAlerts.DevAgent.Kv;

/// <summary><c>/v1/kv/&lt;key&gt;</c>: GET (single, recurse, keys, raw), PUT (flags, cas, acquire, release), DELETE.</summary>
internal static class KvEndpoint
{
    /// <summary>Consul's default <c>kv_max_value_size</c>.</summary>
    public const int MaxValueSize = BodyLimits.MaxValueSize;

    private static readonly string[] ExclusivePutFlags = ["cas", "acquire", "release"];

    public static void Map(Router router) => router.Prefix("/v1/kv/", RouteKind.Server, HandleAsync, "GET", "PUT", "DELETE");

    /// <summary>Key validation of newer servers (PR #22850): no <c>..</c> path segments, no leading or trailing spaces.</summary>
    public static string? ValidateKey(string key)
    {
        if (key.Length == 0)
        {
            return null;
        }

        if (key.Split('/', '\\').Any(segment => segment == ".."))
        {
            return "key contains path traversal sequence";
        }

        return key.Trim() != key ? "key must not begin or end with whitespace" : null;
    }

    /// <summary>The body of a "Conflicting flags" answer: Go's <c>Values.Encode</c> of the query.</summary>
    public static string ConflictingFlags(ApiRequest request)
    {
        var sb = new StringBuilder("Conflicting flags: ");
        var first = true;
        foreach (var name in request.Query.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var value in request.Query[name])
            {
                sb.Append(first ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                first = false;
            }
        }

        return sb.ToString();
    }

    private static Task HandleAsync(ApiRequest request)
    {
        if (ValidateKey(request.Tail) is { } problem)
        {
            throw new ConsulHttpException(400, problem);
        }

        return request.Method switch
        {
            "GET" when request.Has("keys") => GetKeysAsync(request),
            "GET" => GetAsync(request),
            "PUT" => PutAsync(request),
            _ => DeleteAsync(request),
        };
    }

    private static async Task GetAsync(ApiRequest request)
    {
        var key = request.Tail;
        var store = request.Store;
        if (request.Has("recurse"))
        {
            var entries = await request.BlockAsync(store.KvChanged, () =>
            {
                var list = store.KvList(key);
                return new BlockingResult<List<KvEntry>>(store.KvListIndex(key, list), list, list.Count == 0);
            });
            if (entries.Count == 0)
            {
                request.Http.Response.StatusCode = 404;
                return;
            }

            await request.WriteJsonAsync(entries);
            return;
        }

        if (key.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing key name");
        }

        var entry = await request.BlockAsync(store.KvChanged, () =>
        {
            var found = store.KvGet(key);
            return new BlockingResult<KvEntry?>(found?.ModifyIndex ?? store.KvTableIndex, found, found is null);
        });
        if (entry is null)
        {
            request.Http.Response.StatusCode = 404;
            return;
        }

        if (request.Has("raw"))
        {
            var response = request.Http.Response;
            var body = entry.Value ?? [];
            response.StatusCode = 200;
            response.ContentType = "text/plain";
            response.ContentLength = body.Length;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Content-Security-Policy"] = "sandbox";
            await response.Body.WriteAsync(body, request.Aborted);
            return;
        }

        await request.WriteJsonAsync(new List<KvEntry> { entry });
    }

    private static async Task GetKeysAsync(ApiRequest request)
    {
        var prefix = request.Tail;
        var store = request.Store;
        var separator = request.Has("separator") ? request.Get("separator")
            : request.Has("seperator") ? request.Get("seperator") : "";
        var keys = await request.BlockAsync(store.KvChanged, () =>
        {
            var entries = store.KvList(prefix);
            return new BlockingResult<List<string>>(store.KvListIndex(prefix, entries), CollectKeys(entries, prefix, separator));
        });
        if (keys.Count == 0 && prefix.Length > 0)
        {
            request.Http.Response.StatusCode = 404;
            return;
        }

        await request.WriteJsonAsync(keys);
    }

    private static List<string> CollectKeys(List<KvEntry> entries, string prefix, string separator)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var at = separator.Length == 0 ? -1 : entry.Key.IndexOf(separator, prefix.Length, StringComparison.Ordinal);
            if (at < 0)
            {
                keys.Add(entry.Key);
            }
            else
            {
                var key = entry.Key[..(at + separator.Length)];
                if (seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    private static async Task PutAsync(ApiRequest request)
    {
        var key = request.Tail;
        if (key.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing key name");
        }

        if (ExclusivePutFlags.Count(request.Has) > 1)
        {
            await request.WriteTextAsync(400, ConflictingFlags(request));
            return;
        }

        var flags = request.Has("flags") ? request.GetUInt64("flags") : 0;
        var cas = request.Has("cas") ? request.GetUInt64("cas") : (ulong?)null;
        var length = request.Http.Request.ContentLength;
        if (length > MaxValueSize)
        {
            throw TooLarge(length.Value);
        }

        var value = await request.ReadBodyAsync();
        if (value.Length > MaxValueSize)
        {
            throw TooLarge(value.Length);
        }

        var acquire = request.Has("acquire") ? request.Get("acquire") : null;
        var release = request.Has("release") ? request.Get("release") : null;
        bool result;
        try
        {
            result = Apply(request, key, value, flags, cas, acquire, release);
        }
        catch (ConsulHttpException ex) when (ex.StatusCode == 500)
        {
            // The KV endpoint reports errors from applying the write with Raft's prefix, unlike a transaction.
            throw new ConsulHttpException(500, "raft apply failed: " + ex.Message);
        }

        await request.WriteJsonAsync(result);
    }

    private static bool Apply(ApiRequest request, string key, byte[] value, ulong flags, ulong? cas, string? acquire, string? release) =>
        request.Store.Write(index =>
        {
            if (cas is { } casIndex)
            {
                return request.Store.KvCas(index, key, value, flags, casIndex) is not null;
            }

            if (acquire is not null)
            {
                return request.Store.KvLock(index, key, value, flags, acquire) is not null;
            }

            if (release is not null)
            {
                return request.Store.KvUnlock(index, key, value, flags, release) is not null;
            }

            request.Store.KvSet(index, key, value, flags);
            return true;
        });

    private static async Task DeleteAsync(ApiRequest request)
    {
        var key = request.Tail;
        if (request.Has("recurse") && request.Has("cas"))
        {
            await request.WriteTextAsync(400, ConflictingFlags(request));
            return;
        }

        if (request.Has("recurse"))
        {
            request.Store.Write(index => request.Store.KvDeleteTree(index, key));
            await request.WriteJsonAsync(true);
            return;
        }

        if (key.Length == 0)
        {
            throw new ConsulHttpException(400, "Missing key name");
        }

        if (request.Has("cas"))
        {
            var cas = request.GetUInt64("cas");
            await request.WriteJsonAsync(request.Store.Write(index => request.Store.KvDeleteCas(index, key, cas)));
            return;
        }

        request.Store.Write(index => request.Store.KvDelete(index, key));
        await request.WriteJsonAsync(true);
    }

    private static ConsulHttpException TooLarge(long length) => BodyLimits.KvTooLarge(length);
}
