using System.Text;
using System.Text.Json;
using ConsulAlerts.Checks;

namespace ConsulAlerts.Tests.Checks;

public sealed class CheckStringPoolTests
{
    [Fact]
    public void Get_SameTextTwice_SameInstance()
    {
        var pool = new CheckStringPool();

        var first = Get(pool, "\"Agent alive and reachable\"");
        var second = Get(pool, "\"Agent alive and reachable\"");

        second.ShouldBe("Agent alive and reachable");
        second.ShouldBeSameAs(first);
        pool.Count.ShouldBe(1);
    }

    [Fact]
    public void Get_EscapedAndPlainSpellings_OneUnescapedInstance()
    {
        var pool = new CheckStringPool();

        var plain = Get(pool, "\"c/1 ü\"");
        var escaped = Get(pool, "\"c\\/1 \\u00fc\"");

        escaped.ShouldBeSameAs(plain);
        plain.ShouldBe("c/1 ü");
    }

    [Fact]
    public void Get_LongerThanMax_ReturnedButNotKept()
    {
        var pool = new CheckStringPool();
        var text = new string('x', CheckStringPool.MaxLength + 1);

        var first = Get(pool, $"\"{text}\"");
        var second = Get(pool, $"\"{text}\"");

        second.ShouldBe(text);
        second.ShouldNotBeSameAs(first);
        pool.Count.ShouldBe(0);
    }

    [Fact]
    public void Get_PoolFull_NewTextsReturnedButNotKept()
    {
        var pool = new CheckStringPool();
        for (var i = 0; i < CheckStringPool.Capacity; i++)
        {
            Get(pool, $"\"node-{i}\"");
        }

        var kept = Get(pool, "\"node-7\"");
        var first = Get(pool, "\"one more\"");
        var second = Get(pool, "\"one more\"");

        pool.Count.ShouldBe(CheckStringPool.Capacity);
        kept.ShouldBeSameAs(Get(pool, "\"node-7\""));
        second.ShouldBe("one more");
        second.ShouldNotBeSameAs(first);
    }

    private static string Get(CheckStringPool pool, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return pool.Get(ref reader);
    }
}
