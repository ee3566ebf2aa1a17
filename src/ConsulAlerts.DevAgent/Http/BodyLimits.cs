namespace ConsulAlerts.DevAgent.Http;

/// <summary>
/// Consul's request size limits at their defaults, answered with the status and text Consul 1.10 sends (the contract
/// suite holds both agents to them): a KV value over <c>kv_max_value_size</c>, a transaction body over
/// <c>txn_max_req_len</c> (checked on Content-Length first, then while reading a body sent without one).
/// </summary>
internal static class BodyLimits
{
    /// <summary>Consul's default <c>kv_max_value_size</c>.</summary>
    public const int MaxValueSize = 512 * 1024;

    /// <summary>Consul's default <c>txn_max_req_len</c>.</summary>
    public const int MaxTxnLength = 512 * 1024;

    public static ConsulHttpException KvTooLarge(long length) =>
        new(413, $"Request body({length} bytes) too large, max size: {MaxValueSize} bytes. See https://www.consul.io/docs/agent/options.html#kv_max_value_size.");

    public static ConsulHttpException TxnTooLarge(long length) =>
        new(413, $"Request body({length} bytes) too large, max size: {MaxTxnLength} bytes. See https://www.consul.io/docs/agent/options.html#txn_max_req_len.");

    /// <summary>A body without Content-Length that turned out too long while being read.</summary>
    public static ConsulHttpException TxnStreamTooLarge() =>
        new(413, $"Request body too large, max size: {MaxTxnLength} bytes. See https://www.consul.io/docs/agent/options.html#txn_max_req_len.");

    /// <summary>Reads the body, stopping after <paramref name="limit"/> bytes; null when it is longer.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(ApiRequest request, int limit)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Http.Request.Body.ReadAsync(chunk, request.Aborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
