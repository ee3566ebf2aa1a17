using System.Collections;
using ConsulAlerts.Notifications;
using ConsulAlerts.Notifications.Templates;

namespace ConsulAlerts.Tests.Notifications.Templates;

public sealed class MapAdapterTests
{
    public static TheoryData<object, object?> TypedMaps => new()
    {
        { new Dictionary<string, IReadOnlyList<Message>>(), null },
        { new Dictionary<string, bool>(), false },
        { new Dictionary<string, IReadOnlyDictionary<string, string>>(), null },
        { new Dictionary<string, string>(), "" },
        { new Dictionary<string, int>(), 0 },
        { new Dictionary<string, long>(), 0L },
        { new Dictionary<string, double>(), 0.0 },
    };

    [Theory]
    [MemberData(nameof(TypedMaps))]
    public void For_DataModelOrPlainValueMap_MissingKeyIsGoZeroValue(object map, object? zero)
    {
        var adapter = MapAdapter.For(map).ShouldNotBeNull();

        adapter.TryGet(map, "absent", out var value).ShouldBeFalse();
        value.ShouldBe(zero);
    }

    [Fact]
    public void For_UntypedMap_MissingKeyIsNoValue()
    {
        var map = new Dictionary<string, object?> { ["a"] = 1 };

        MapAdapter.For(map)!.TryGet(map, "b", out var value).ShouldBeFalse();
        value.ShouldBe(MissingValue.Instance);
    }

    [Fact]
    public void For_OtherDictionary_ReadThroughIDictionarySortedByKey()
    {
        var map = new Dictionary<int, string> { [10] = "ten", [2] = "two" };

        var adapter = MapAdapter.For(map).ShouldNotBeNull();

        adapter.ShouldBeSameAs(LegacyDictionaryAdapter.Instance);
        adapter.SortedEntries(map).Select(e => e.Key).ShouldBe([2, 10]);
        adapter.TryGet(map, 2, out var two).ShouldBeTrue();
        two.ShouldBe("two");
    }

    [Theory]
    [InlineData("text")]
    [InlineData(3)]
    public void For_NotAMap_Null(object value) =>
        MapAdapter.For(value).ShouldBeNull();

    [Fact]
    public void For_List_Null() =>
        MapAdapter.For(new ArrayList()).ShouldBeNull();
}
