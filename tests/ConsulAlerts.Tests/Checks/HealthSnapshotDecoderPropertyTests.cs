using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Tests.Testing;
using CsCheck;

namespace ConsulAlerts.Tests.Checks;

/// <summary>
/// The decoder against <see cref="JsonDocument"/> on generated <c>/v1/health/state/any</c> bodies: fields in any order,
/// absent or null, names and values escaped or not, unknown fields of every shape, service tags of any shape. Outputs stay under 8 KiB, below
/// any limit the decoder may put on what it keeps.
/// </summary>
public sealed class HealthSnapshotDecoderPropertyTests
{
    private static readonly string[] Fields = ["Node", "CheckID", "Name", "Status", "Notes", "Output", "ServiceID", "ServiceName"];

    private static readonly Gen<string> AnyText = Gen.Frequency(
        (3, TextGen.Text(8)),
        (1, TextGen.Of(["\"", "\\", "/", "\n", "\t", "\u0000", "\u2028", "é", "日本", "\U0001F600", "a", " "], 6)),
        (1, TextGen.Text(400)));

    // Few nodes and check IDs, so that snapshots share checks and the decoder's reuse is exercised.
    private static readonly Gen<string> FieldText = Gen.Frequency(
        (3, Gen.OneOf("n1", "n2", "c1", "c2", "serfHealth", "web", "")),
        (1, AnyText));

    private static readonly Gen<string> StatusText = Gen.Frequency(
        (4, Gen.OneOf("passing", "warning", "critical")),
        (1, Gen.OneOf("maintenance", "Passing", "")),
        (1, AnyText));

    private static readonly Gen<string> UnknownValue = Gen.OneOf(
        Gen.Const("null"),
        Gen.Const("{\"Interval\":\"10s\",\"Header\":{\"A\":[\"b\"]},\"Deep\":[1,[2,{\"x\":null}]]}"),
        Gen.Const("[\"v1\",\"v2\"]"),
        Gen.Const("[]"),
        Gen.Const("{}"),
        Gen.Long[0, long.MaxValue].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Const("-1.5e3"),
        Gen.Const("true"),
        AnyText.Select(t => Quote(t, escapeAll: false)),
        Gen.Select(FieldText.Array[0, 4], Gen.Bool).Select((tags, escape) => "[" + string.Join(",", tags.Select(t => Quote(t, escape))) + "]"),
        Gen.Const("[\"a\",1,null,{\"b\":[\"c\"]},\"d\"]"));

    private static readonly Gen<string> UnknownName = Gen.OneOf("Definition", "ServiceTags", "Type", "CreateIndex", "Namespace", "Nodes", "Nam", "Statu", "node");

    private static readonly Gen<string> Check =
        Gen.Select(
            Gen.Select(FieldText, FieldText, FieldText, StatusText, AnyText, AnyText, FieldText, FieldText)
                .Select((a, b, c, d, e, f, g, h) => new[] { a, b, c, d, e, f, g, h }),
            Gen.Int[0, 9].Array[8],
            Gen.Bool.Array[8],
            Gen.Select(UnknownName, UnknownValue).Array[0, 3],
            Gen.Int.Array[12],
            Gen.Bool.Array[16],
            Gen.ULong[0, ulong.MaxValue].Array[0, 1])
        .Select((values, presence, escapeAll, unknown, order, escapeNames, modifyIndex) =>
        {
            var members = new List<string>();

            // ModifyIndex is a number the engine keeps (absent reads as 0), written as Consul writes it.
            foreach (var index in modifyIndex)
            {
                members.Add(Name("ModifyIndex", escapeNames[15]) + ":" + index.ToString(CultureInfo.InvariantCulture));
            }

            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < Fields.Length; i++)
            {
                // 0: absent, 1: null, else a string.
                if (presence[i] == 0)
                {
                    continue;
                }

                taken.Add(Fields[i]);
                members.Add(Name(Fields[i], escapeNames[i]) + ":" + (presence[i] == 1 ? "null" : Quote(values[i], escapeAll[i])));
            }

            for (var i = 0; i < unknown.Length; i++)
            {
                if (taken.Add(unknown[i].Item1) && !Fields.Contains(unknown[i].Item1))
                {
                    members.Add(Name(unknown[i].Item1, escapeNames[8 + i]) + ":" + unknown[i].Item2);
                }
            }

            // Any order of the members: Consul's is fixed, but JSON's is not.
            var shuffled = members.Select((m, i) => (m, order[i % order.Length] ^ i)).OrderBy(p => p.Item2).Select(p => p.m);
            return "{" + string.Join(",", shuffled) + "}";
        });

    private static readonly Gen<string> Snapshot = Gen.Select(Check.Array[0, 8], Gen.OneOf("", " ", "\n  ")).Select((checks, space) => "[" + space + string.Join("," + space, checks) + space + "]");

    [Fact]
    public void Decode_GeneratedSnapshot_SameTenFieldsAsJsonDocument()
    {
        Snapshot.Sample(json =>
        {
            var checks = new HealthSnapshotDecoder().Decode(Encoding.UTF8.GetBytes(json));

            checks.ShouldBe(Reference(json), json);
        }, iter: 400);
    }

    [Fact]
    public void Decode_SecondSnapshot_SameAsJsonDocumentAndUnchangedChecksReused()
    {
        Gen.Select(Snapshot, Snapshot, Gen.Bool).Sample((first, other, repeat) =>
        {
            // Half the time the second snapshot is the first one with the other's checks appended: most checks unchanged.
            string second = repeat ? first.TrimEnd(']', ' ', '\n') + (first.Contains('{', StringComparison.Ordinal) && other.Contains('{', StringComparison.Ordinal) ? "," : "") + other.TrimStart('[', ' ', '\n') : other;
            var decoder = new HealthSnapshotDecoder();
            var before = decoder.Decode(Encoding.UTF8.GetBytes(first));

            var after = decoder.Decode(Encoding.UTF8.GetBytes(second));

            after.ShouldBe(Reference(second), second);
            var unique = before.GroupBy(c => c.Key).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
            foreach (var check in after.Where(c => after.Count(o => o.Key == c.Key) == 1))
            {
                if (unique.TryGetValue(check.Key, out var old) && old == check)
                {
                    check.ShouldBeSameAs(old, "an unchanged check is the previous instance");
                }
            }
        }, iter: 400);
    }

    [Fact]
    public void Decode_DamagedBody_ChecksOrJsonExceptionNothingElse()
    {
        var damaged = Gen.Select(Snapshot, Gen.Int[0, 4], Gen.Double[0, 1], TextGen.Of(["\\ud800", "\\udc00", "\\u", "\"", "{", "}", "[", "]", ",", ":", "\\", "\u0001", "nul", "1e999"], 3))
            .Select((json, how, at, junk) =>
            {
                int position = (int)(at * json.Length);
                return how switch
                {
                    0 => json[..position],
                    1 => json[..position] + junk + json[position..],
                    2 => json.Replace("\"Node\":\"", "\"Node\":\"" + junk, StringComparison.Ordinal),
                    3 => json.Replace("\"Output\":\"", "\"Output\":\"\\ud800", StringComparison.Ordinal),
                    _ => json.Replace("\"CheckID\":", "\"CheckID\":" + junk, StringComparison.Ordinal),
                };
            });

        damaged.Sample(json =>
        {
            try
            {
                new HealthSnapshotDecoder().Decode(Encoding.UTF8.GetBytes(json));
            }
            catch (JsonException)
            {
            }
        }, iter: 800);
    }

    private static List<CheckInfo> Reference(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return [.. document.RootElement.EnumerateArray().Select(e => new CheckInfo
        {
            Node = Field(e, "Node"),
            CheckId = Field(e, "CheckID"),
            Name = Field(e, "Name"),
            Status = Field(e, "Status"),
            Notes = Field(e, "Notes"),
            Output = Field(e, "Output"),
            ServiceId = Field(e, "ServiceID"),
            ServiceName = Field(e, "ServiceName"),
            ModifyIndex = e.TryGetProperty("ModifyIndex", out var index) ? index.GetUInt64() : 0,
            ServiceTags = Tags(e),
        })];
    }

    // ServiceTags: the string members of an array, the first 64, each at most 512 characters; anything else is no tags.
    private static string[] Tags(JsonElement check) =>
        check.TryGetProperty("ServiceTags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Take(ServiceTagBounds.MaxTags).Select(t => ServiceTagBounds.Cut(t.GetString()!))]
            : [];

    private static string Field(JsonElement check, string name) =>
        check.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string Name(string name, bool escape) => Quote(name, escape);

    // A JSON string: what must be escaped is, and with escapeAll every character is written as \uXXXX.
    private static string Quote(string text, bool escapeAll)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (escapeAll || c < 0x20 || c == '"' || c == '\\')
            {
                builder.Append(c switch
                {
                    '"' when !escapeAll => "\\\"",
                    '\\' when !escapeAll => "\\\\",
                    '\n' when !escapeAll => "\\n",
                    _ => $"\\u{(int)c:X4}",
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
