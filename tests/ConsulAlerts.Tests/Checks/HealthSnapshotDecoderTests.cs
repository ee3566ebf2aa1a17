using System.Text;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Http;

namespace ConsulAlerts.Tests.Checks;

public sealed class HealthSnapshotDecoderTests
{
    private const string FullCheck = """
        {"Node":"n1","CheckID":"service:web","Name":"Service 'web' check","Status":"warning",
         "Notes":"see runbook","Output":"HTTP GET: 429","ServiceID":"web-1","ServiceName":"web","ServiceTags":["v1"],
         "Type":"http","Interval":"10s","Timeout":"5s","ExposedPort":0,
         "Definition":{"Interval":"10s","Timeout":"5s","DeregisterCriticalServiceAfter":"0s","HTTP":"http://x/health","Header":{"A":["b"]},"Method":"","Body":"","TLSServerName":"","TLSSkipVerify":false,"TCP":"","UDP":"","GRPC":"","OSService":"","GRPCUseTLS":false},
         "CreateIndex":10,"ModifyIndex":42}
        """;

    [Fact]
    public void Decode_FullCheck_ReadsTheTenFields()
    {
        var check = Decode($"[{FullCheck}]").ShouldHaveSingleItem();

        check.ShouldBe(new CheckInfo
        {
            Node = "n1",
            CheckId = "service:web",
            Name = "Service 'web' check",
            Status = CheckStatus.Warning,
            Notes = "see runbook",
            Output = "HTTP GET: 429",
            ServiceId = "web-1",
            ServiceName = "web",
            ServiceTags = ["v1"],
            ModifyIndex = 42,
        });
        check.Status.ShouldBeSameAs(CheckStatus.Warning);
    }

    [Fact]
    public void Decode_OnlyTheIndexMoved_NewInstanceWithTheNewIndex()
    {
        var decoder = new HealthSnapshotDecoder();
        var first = decoder.Decode(Encoding.UTF8.GetBytes($"[{FullCheck}]")).Single();

        var same = decoder.Decode(Encoding.UTF8.GetBytes($"[{FullCheck}]")).Single();
        var moved = decoder.Decode(Encoding.UTF8.GetBytes($"[{FullCheck.Replace("\"ModifyIndex\":42", "\"ModifyIndex\":44", StringComparison.Ordinal)}]")).Single();

        same.ShouldBeSameAs(first);
        moved.ShouldNotBeSameAs(first);
        moved.ModifyIndex.ShouldBe(44UL);
        moved.Output.ShouldBeSameAs(first.Output);
    }

    [Fact]
    public void Decode_AnotherDatacenter_EveryCheckStampedAndUnchangedOnesReused()
    {
        var decoder = new HealthSnapshotDecoder { Datacenter = "dc2" };
        var first = decoder.Decode(Encoding.UTF8.GetBytes($"[{FullCheck}]")).Single();

        var again = decoder.Decode(Encoding.UTF8.GetBytes($"[{FullCheck}]")).Single();

        first.Datacenter.ShouldBe("dc2");
        first.Key.Datacenter.ShouldBe("dc2");
        again.ShouldBeSameAs(first);
    }

    [Fact]
    public void Decode_EscapesAndUnicode_DecodedLikeJson()
    {
        const string json = """
            [{"\u004Eode":"n\u00f6de-ü","CheckID":"c\/1","Name":"tab\there","Status":"crit\u0069cal",
              "Notes":"","Output":"line1\nline2 \"quoted\" \ud83d\ude00 日本","ServiceID":"","ServiceName":""}]
            """;

        var check = Decode(json).ShouldHaveSingleItem();

        check.Node.ShouldBe("nöde-ü");
        check.CheckId.ShouldBe("c/1");
        check.Name.ShouldBe("tab\there");
        check.Status.ShouldBe(CheckStatus.Critical);
        check.Output.ShouldBe("line1\nline2 \"quoted\" \U0001F600 日本");
    }

    [Fact]
    public void Decode_UnknownFieldsNullsAndMissingFields_SkippedOrEmpty()
    {
        const string json = """
            [{"Node":"n1","CheckID":"serfHealth","ServiceTags":null,"Namespace":"default","PeerName":"p",
              "Future":{"Nested":[1,{"Deep":[true,null]}],"Str":"x"},"Name":null,"Status":"passing","Output":null,
              "Definition":null,"ExposedPort":8080,"Weird":[[]]}]
            """;

        var check = Decode(json).ShouldHaveSingleItem();

        check.ShouldBe(new CheckInfo { Node = "n1", CheckId = "serfHealth", Status = CheckStatus.Passing });
        check.ServicePathSegment.ShouldBe("_");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData(" [ ] ")]
    public void Decode_EmptyOrNull_NoChecks(string json) => Decode(json).ShouldBeEmpty();

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("[{\"Node\":\"n1\"")]
    [InlineData("[{\"Node\":5}]")]
    [InlineData("[] []")]
    public void Decode_Malformed_ThrowsJsonException(string json) =>
        Should.Throw<JsonException>(() => new HealthSnapshotDecoder().Decode(Encoding.UTF8.GetBytes(json)));

    // Found by HealthSnapshotDecoderPropertyTests: a lone surrogate escape threw InvalidOperationException.
    [Theory]
    [InlineData("""[{"Node":"n1","CheckID":"c1","Output":"\ud800"}]""")]
    [InlineData("""[{"Node":"n1","CheckID":"c1","Output":"x\udc00y"}]""")]
    [InlineData("""[{"\ud800Node":"n1","CheckID":"c1"}]""")]
    public void Decode_LoneSurrogateEscape_ThrowsJsonException(string json) =>
        Should.Throw<JsonException>(() => new HealthSnapshotDecoder().Decode(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Decode_LoneSurrogateEscapeWhereThePreviousSnapshotHadText_ThrowsJsonException()
    {
        var decoder = new HealthSnapshotDecoder();
        decoder.Decode("""[{"Node":"n1","CheckID":"c1","Output":"x"}]"""u8);

        Should.Throw<JsonException>(() => decoder.Decode("""[{"Node":"n1","CheckID":"c1","Output":"\ud800"}]"""u8.ToArray()));
    }

    [Fact]
    public void Decode_BigPayload_SameChecksAsTheGeneralDecoder()
    {
        var body = Payload(10_000, critical: 97);

        var fast = new HealthSnapshotDecoder().Decode(body);
        var general = JsonSerializer.Deserialize(body, ConsulJsonContext.Default.HealthCheckArray)!;

        fast.Count.ShouldBe(10_000);
        fast.ShouldBe(general.Select(c => new CheckInfo
        {
            Node = c.Node,
            CheckId = c.CheckId,
            Name = c.Name,
            Status = c.Status,
            Notes = c.Notes,
            Output = c.Output,
            ServiceId = c.ServiceId,
            ServiceName = c.ServiceName,
            ServiceTags = c.ServiceTags,
            ModifyIndex = c.ModifyIndex,
        }));
    }

    [Theory]
    [InlineData("null", new string[0])]
    [InlineData("[]", new string[0])]
    [InlineData("""["v1","blue"]""", new[] { "v1", "blue" })]
    [InlineData("""["b","a","b"]""", new[] { "b", "a", "b" })]
    [InlineData("""["\u0061\/b","é 日本"]""", new[] { "a/b", "é 日本" })]
    [InlineData("""[1,"a",{"x":[1]},null,true,["n"],"b"]""", new[] { "a", "b" })]
    [InlineData("""["\ud800","ok"]""", new[] { "ok" })]
    [InlineData("\"v1\"", new string[0])]
    [InlineData("""{"v1":true}""", new string[0])]
    [InlineData("7", new string[0])]
    public void Decode_ServiceTags_ReadAsAListOfStringsAndAnythingElseIgnored(string tags, string[] expected)
    {
        var check = Decode($$"""[{"Node":"n1","CheckID":"c1","ServiceTags":{{tags}},"Status":"passing"}]""").ShouldHaveSingleItem();

        check.ServiceTags.ShouldBe(expected);
        check.Status.ShouldBe(CheckStatus.Passing);
    }

    [Fact]
    public void Decode_MoreTagsThanTheBound_KeepsTheFirstInOrder()
    {
        var tags = Enumerable.Range(0, ServiceTagBounds.MaxTags + 50).Select(i => $"\"t{i}\"");

        var check = Decode($$"""[{"Node":"n1","CheckID":"c1","ServiceTags":[{{string.Join(",", tags)}}]}]""").ShouldHaveSingleItem();

        check.ServiceTags.ShouldBe(Enumerable.Range(0, ServiceTagBounds.MaxTags).Select(i => $"t{i}"));
    }

    [Fact]
    public void Decode_TagLongerThanTheBound_CutAndStillReusedWhenUnchanged()
    {
        var decoder = new HealthSnapshotDecoder();
        var json = Encoding.UTF8.GetBytes($$"""[{"Node":"n1","CheckID":"c1","ServiceTags":["short","{{new string('x', 100_000)}}"]}]""");

        var first = decoder.Decode(json).Single();
        var second = decoder.Decode(json).Single();

        first.ServiceTags.ShouldBe(["short", new string('x', ServiceTagBounds.MaxLength)]);
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public void Decode_UnchangedTags_SameCheckAndListInstances()
    {
        var decoder = new HealthSnapshotDecoder();
        var json = Encoding.UTF8.GetBytes(Array(Tagged("a", "web", "v1", "blue"), Tagged("b", "web", "v1", "blue")));
        var first = decoder.Decode(json);

        var second = decoder.Decode(json);

        second[0].ShouldBeSameAs(first[0]);
        second[1].ShouldBeSameAs(first[1]);
    }

    [Theory]
    [InlineData("v1,green")]
    [InlineData("v1")]
    [InlineData("v1,blue,canary")]
    [InlineData("blue,v1")]
    [InlineData("")]
    public void Decode_TagsChanged_NewInstanceWithTheNewTags(string list)
    {
        string[] tags = list.Length == 0 ? [] : list.Split(',');
        var decoder = new HealthSnapshotDecoder();
        var first = decoder.Decode(Encoding.UTF8.GetBytes(Array(Tagged("a", "web", "v1", "blue")))).Single();

        var second = decoder.Decode(Encoding.UTF8.GetBytes(Array(Tagged("a", "web", tags)))).Single();

        second.ShouldNotBeSameAs(first);
        second.ServiceTags.ShouldBe(tags);
        second.Output.ShouldBeSameAs(first.Output);
    }

    [Fact]
    public void Decode_SameTagsOnManyChecks_OneListAndOneStringOfEach()
    {
        // Checks of different services in between: the list is shared by content, not only with the check before.
        var items = Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? Tagged($"n{i}", "web", "v1", "blue") : i % 3 == 1 ? Tagged($"n{i}", "db", "primary") : Item($"n{i}", "serfHealth"));

        var checks = new HealthSnapshotDecoder().Decode(Encoding.UTF8.GetBytes(Array([.. items])));

        var web = checks.Where(c => c.ServiceId == "web").ToList();
        web.Count.ShouldBe(100);
        web.Select(c => c.ServiceTags).Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(1);
        checks.Where(c => c.ServiceId == "db").Select(c => c.ServiceTags).Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(1);
        checks.Where(c => c.ServiceId == "").ShouldAllBe(c => c.ServiceTags.Count == 0);
        var fresh = new HealthSnapshotDecoder().Decode(Encoding.UTF8.GetBytes(Array(Tagged("x", "api", "v1"), Tagged("y", "api2", "v1")))).ToList();
        fresh[0].ServiceTags[0].ShouldBeSameAs(fresh[1].ServiceTags[0]);
    }

    [Fact]
    public void Decode_UnchangedSnapshot_ReturnsThePreviousInstances()
    {
        var decoder = new HealthSnapshotDecoder();
        var body = Payload(500, critical: 7);
        var first = decoder.Decode(body);

        var second = decoder.Decode(body);

        second.Count.ShouldBe(first.Count);
        for (var i = 0; i < first.Count; i++)
        {
            second[i].ShouldBeSameAs(first[i]);
        }
    }

    [Fact]
    public void Decode_OneOutputChanged_OnlyThatCheckIsNewAndItsUnchangedStringsAreReused()
    {
        var decoder = new HealthSnapshotDecoder();
        var first = decoder.Decode(Payload(100, critical: 7));

        var second = decoder.Decode(Payload(100, critical: 7, changedOutputAt: 42));

        second[42].ShouldNotBeSameAs(first[42]);
        second[42].Output.ShouldBe("changed");
        second[42].Node.ShouldBeSameAs(first[42].Node);
        second[42].Name.ShouldBeSameAs(first[42].Name);
        second.Where((_, i) => i != 42).Select((c, i) => ReferenceEquals(c, first[i < 42 ? i : i + 1])).ShouldAllBe(same => same);
    }

    [Fact]
    public void Decode_ChecksAddedAndRemoved_OthersStillReused()
    {
        var decoder = new HealthSnapshotDecoder();
        var first = decoder.Decode(Encoding.UTF8.GetBytes(Array(Item("a", "1"), Item("b", "1"), Item("c", "1"), Item("d", "1"))));

        var second = decoder.Decode(Encoding.UTF8.GetBytes(Array(Item("0", "1"), Item("a", "1"), Item("c", "1"), Item("d", "1"), Item("e", "1"))));

        second.Select(c => c.Node).ShouldBe(["0", "a", "c", "d", "e"]);
        second[1].ShouldBeSameAs(first[0]);
        second[2].ShouldBeSameAs(first[2]);
        second[3].ShouldBeSameAs(first[3]);
    }

    [Fact]
    public void Decode_StatusChanged_NewInstanceWithNewStatus()
    {
        var decoder = new HealthSnapshotDecoder();
        var first = decoder.Decode(Encoding.UTF8.GetBytes(Array(Item("a", "1"))));

        var second = decoder.Decode(Encoding.UTF8.GetBytes(Array(Item("a", "1", CheckStatus.Critical))));

        second[0].ShouldNotBeSameAs(first[0]);
        second[0].Status.ShouldBe(CheckStatus.Critical);
        second[0].CheckId.ShouldBeSameAs(first[0].CheckId);
    }

    [Fact]
    public void Decode_SameTextsOnManyNodes_OneInstanceOfEach()
    {
        var checks = new HealthSnapshotDecoder().Decode(Payload(400, critical: 7));

        var web = checks.Where(c => c.ServiceId == "svc-1").ToList();
        web.Count.ShouldBe(100);
        web.Select(c => c.Name).Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(1);
        web.Select(c => c.CheckId).Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(1);
        web.Select(c => c.ServiceName).Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(1);
        checks.Select(c => c.Output).Distinct(ReferenceEqualityComparer.Instance).Count().ShouldBe(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task DecodeAsync_BodyInPieces_SameChecksAsTheWholeBody(int piece)
    {
        var hugeOutput = new string('x', 300_000); // one check larger than the decoder's buffer
        var json = "[" + FullCheck + "," + Item("n\\u00f6de", "c\\/2", CheckStatus.Critical).Replace("\"o\"", "\"" + hugeOutput + "\"", StringComparison.Ordinal)
            + "," + Item("z", "3") + "] \r\n ";
        var body = Encoding.UTF8.GetBytes(json);
        var whole = new HealthSnapshotDecoder().Decode(body);

        var streamed = await new HealthSnapshotDecoder().DecodeAsync(new PieceStream(body, piece), CancellationToken.None);

        streamed.ShouldBe(whole);
        streamed[1].Node.ShouldBe("nöde");
        streamed[1].Output.Length.ShouldBe(300_000);
    }

    [Fact]
    public async Task DecodeAsync_BigPayloadInNetworkSizedPieces_SameAsWholeAndReusedNextTime()
    {
        var body = Payload(5_000, critical: 13);
        var decoder = new HealthSnapshotDecoder();

        var first = await decoder.DecodeAsync(new PieceStream(body, 16 * 1024), CancellationToken.None);
        var second = await decoder.DecodeAsync(new PieceStream(body, 1000), CancellationToken.None);

        first.ShouldBe(new HealthSnapshotDecoder().Decode(body));
        second.Select((c, i) => ReferenceEquals(c, first[i])).ShouldAllBe(same => same);
    }

    [Fact]
    public async Task DecodeAsync_EmptyStream_NoChecks() =>
        (await new HealthSnapshotDecoder().DecodeAsync(new PieceStream([], 10), CancellationToken.None)).ShouldBeEmpty();

    [Theory]
    [InlineData("   ")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("[{\"Node\":\"n1\"")]
    [InlineData("[{\"Node\":\"n1\"}")]
    [InlineData("[{\"Node\":5}]")]
    [InlineData("[] []")]
    [InlineData("[] x")]
    public async Task DecodeAsync_Malformed_ThrowsJsonException(string json) =>
        await Should.ThrowAsync<JsonException>(() => new HealthSnapshotDecoder().DecodeAsync(new PieceStream(Encoding.UTF8.GetBytes(json), 2), CancellationToken.None));

    [Fact]
    public async Task DecodeAsync_BodyCutShort_ThrowsAndTheNextSnapshotStillReusesTheLastGoodOne()
    {
        var body = Payload(200, critical: 7);
        var decoder = new HealthSnapshotDecoder();
        var good = decoder.Decode(body);

        await Should.ThrowAsync<JsonException>(() => decoder.DecodeAsync(new PieceStream(body[..(body.Length / 2)], 4096), CancellationToken.None));
        var next = await decoder.DecodeAsync(new PieceStream(body, 4096), CancellationToken.None);

        next.Count.ShouldBe(200);
        next.Select((c, i) => ReferenceEquals(c, good[i])).ShouldAllBe(same => same);
    }

    /// <summary>Realistic checks like the benchmark's: a serfHealth and three service checks per node.</summary>
    internal static byte[] Payload(int checks, int critical, int changedOutputAt = -1)
    {
        var json = new StringBuilder(checks * 600).Append('[');
        for (var i = 0; i < checks; i++)
        {
            var node = $"node-{i / 4:D6}";
            var serf = i % 4 == 0;
            var service = serf ? "" : $"svc-{i % 4}";
            var checkId = serf ? "serfHealth" : $"service:{service}";
            var name = serf ? "Serf Health Status" : $"Service '{service}' check";
            var status = i % critical == 0 ? "critical" : "passing";
            var output = i == changedOutputAt ? "changed" : "HTTP GET http://10.0.0.1:8080/health: 200 OK Output: ok";
            json.Append(i > 0 ? "," : "").Append(
                $$"""{"Node":"{{node}}","CheckID":"{{checkId}}","Name":"{{name}}","Status":"{{status}}","Notes":"","Output":"{{output}}","ServiceID":"{{service}}","ServiceName":"{{service}}","ServiceTags":["v1","blue"],"Type":"http","Interval":"10s","Timeout":"5s","ExposedPort":0,"Definition":{"Interval":"10s","Timeout":"5s","DeregisterCriticalServiceAfter":"0s","HTTP":"http://10.0.0.1:8080/health","Header":null,"Method":"","Body":"","TLSServerName":"","TLSSkipVerify":false,"TCP":"","UDP":"","GRPC":"","OSService":"","GRPCUseTLS":false},"CreateIndex":{{10 + i}},"ModifyIndex":{{20 + i}}}""");
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }

    private static string Item(string node, string checkId, string status = CheckStatus.Passing) =>
        $$"""{"Node":"{{node}}","CheckID":"{{checkId}}","Name":"n","Status":"{{status}}","Notes":"","Output":"o","ServiceID":"","ServiceName":""}""";

    private static string Tagged(string node, string service, params string[] tags) =>
        $$"""{"Node":"{{node}}","CheckID":"service:{{service}}","Name":"n","Status":"passing","Notes":"","Output":"o","ServiceID":"{{service}}","ServiceName":"{{service}}","ServiceTags":[{{string.Join(",", tags.Select(t => $"\"{t}\""))}}]}""";

    private static string Array(params string[] items) => "[" + string.Join(",", items) + "]";

    private static IReadOnlyList<CheckInfo> Decode(string json) => new HealthSnapshotDecoder().Decode(Encoding.UTF8.GetBytes(json));

    /// <summary>Hands out at most <c>piece</c> bytes a read, as a network stream does.</summary>
    private sealed class PieceStream(byte[] content, int piece) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
