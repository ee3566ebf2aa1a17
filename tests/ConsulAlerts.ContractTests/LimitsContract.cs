using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>
/// Consul's size limits at their defaults, with the exact answers Consul 1.10 gives: a KV value of at most 512 KiB
/// (<c>kv_max_value_size</c>), a transaction body of at most 512 KiB counted on the JSON as sent, base64 values included
/// (<c>txn_max_req_len</c>), and at most 64 operations per transaction. Over a limit is 413 with a plain-text reason,
/// and nothing of the request is applied.
/// </summary>
public abstract class LimitsContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private const int Limit = 512 * 1024;
    private const string KvLimitText = "Request body({0} bytes) too large, max size: 524288 bytes. See https://www.consul.io/docs/agent/options.html#kv_max_value_size.";
    private const string TxnLimitText = "Request body({0} bytes) too large, max size: 524288 bytes. See https://www.consul.io/docs/agent/options.html#txn_max_req_len.";

    [Fact]
    public async Task KvPut_ValueOfExactly512KiB_IsStored()
    {
        using var response = await PutAsync($"v1/kv/{Key("big")}", Bytes(Filled(Limit)));

        (await ExpectStatusAsync(response, HttpStatusCode.OK)).Trim().ShouldBe("true");
        using var raw = await GetAsync($"v1/kv/{Key("big")}?raw");
        (await raw.Content.ReadAsByteArrayAsync()).Length.ShouldBe(Limit);
    }

    [Theory]
    [InlineData(Limit + 1)]
    [InlineData(2 * Limit)]
    public async Task KvPut_ValueOver512KiB_Returns413WithTheLimitAndStoresNothing(int size)
    {
        using var response = await PutAsync($"v1/kv/{Key("big")}", Bytes(Filled(size)));

        (await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge)).ShouldBe(Format(KvLimitText, size));
        Header(response, "Content-Type").ShouldBe("text/plain; charset=utf-8");
        (await GetKvAsync(Key("big"))).ShouldBeNull();
    }

    [Fact]
    public async Task Txn_64Operations_Commits()
    {
        using var response = await TxnAsync(Enumerable.Range(0, 64).Select(i => Set($"k{i}", "v")));

        var results = (await ExpectJsonAsync(response))!["Results"]!.AsArray();
        results.Count.ShouldBe(64);
    }

    [Theory]
    [InlineData("set", 65)]
    [InlineData("set", 200)]
    [InlineData("get", 65)]
    public async Task Txn_MoreThan64Operations_Returns413AndAppliesNothing(string verb, int count)
    {
        var operations = Enumerable.Range(0, count).Select(i => verb == "set" ? Set($"k{i}", "v") : Get("absent"));

        using var response = await TxnAsync(operations);

        (await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge)).ShouldBe($"Transaction contains too many operations ({count} > 64)");
        (await GetKvAsync(Key("k0"))).ShouldBeNull();
    }

    [Theory]
    [InlineData(Limit - 1)]
    [InlineData(Limit)]
    public async Task Txn_BodyUpTo512KiB_Commits(int bodySize)
    {
        using var response = await PutAsync("v1/txn", Json(BodyOfSize(bodySize)));

        (await ExpectJsonAsync(response))!["Errors"].ShouldBeNull();
        (await GetKvAsync(Key("big"))).ShouldNotBeNull();
    }

    [Fact]
    public async Task Txn_BodyOver512KiB_Returns413WithTheLimitAndAppliesNothing()
    {
        using var response = await PutAsync("v1/txn", Json(BodyOfSize(Limit + 1)));

        (await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge)).ShouldBe(Format(TxnLimitText, Limit + 1));
        (await GetKvAsync(Key("big"))).ShouldBeNull();
    }

    [Fact]
    public async Task Txn_ValueUnder512KiBWhoseBase64IsNot_IsRefusedForTheBodySize()
    {
        // 400 KiB of value is 533 KiB of base64: the limit counts what is sent, not what would be stored.
        var body = "[" + Set("big", new string('v', 400 * 1024)) + "]";

        using var response = await PutAsync("v1/txn", Json(body));

        (await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge)).ShouldBe(Format(TxnLimitText, Encoding.UTF8.GetByteCount(body)));
        (await GetKvAsync(Key("big"))).ShouldBeNull();
    }

    [Fact]
    public async Task Txn_TooManyOperationsAndTooLarge_AnswersTheBodySizeFirst()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 65).Select(i => Set($"k{i}", new string('v', 9000)))) + "]";

        using var response = await PutAsync("v1/txn", Json(body));

        (await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge)).ShouldBe(Format(TxnLimitText, Encoding.UTF8.GetByteCount(body)));
    }

    [Fact]
    public async Task Txn_BodyWithoutContentLengthOver512KiB_Returns413AndAppliesNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri("v1/txn", UriKind.Relative))
        {
            Content = new UnsizedContent(Encoding.UTF8.GetBytes(BodyOfSize(3 * Limit))),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Http.SendAsync(request);

        (await ExpectStatusAsync(response, HttpStatusCode.RequestEntityTooLarge))
            .ShouldBe("Request body too large, max size: 524288 bytes. See https://www.consul.io/docs/agent/options.html#txn_max_req_len.");
        (await GetKvAsync(Key("big"))).ShouldBeNull();
    }

    private static string Format(string text, int size) => string.Format(System.Globalization.CultureInfo.InvariantCulture, text, size);

    private static byte[] Filled(int size) => Enumerable.Repeat((byte)'x', size).ToArray();

    private string Set(string key, string value) =>
        $$$"""{"KV":{"Verb":"set","Key":"{{{Key(key)}}}","Value":"{{{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}}}"}}""";

    private string Get(string key) => $$$"""{"KV":{"Verb":"get","Key":"{{{Key(key)}}}"}}""";

    private Task<HttpResponseMessage> TxnAsync(IEnumerable<string> operations) => PutJsonAsync("v1/txn", "[" + string.Join(",", operations) + "]");

    /// <summary>One <c>set</c> of key <c>big</c>, padded with JSON whitespace to exactly <paramref name="size"/> bytes.</summary>
    private string BodyOfSize(int size)
    {
        var empty = "[" + Set("big", "") + "]";
        var value = new string('v', (size - empty.Length) * 3 / 4 / 3 * 3);
        var body = "[" + Set("big", value);
        body.Length.ShouldBeLessThan(size);
        return body + new string(' ', size - body.Length - 1) + "]";
    }

    /// <summary>A body whose length is not known up front, so it is sent chunked without Content-Length.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _body;

        public UnsizedContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
