using System.Text.Json;
using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Txn;

namespace ConsulAlerts.Tests.Consul.Txn;

public sealed class TxnBatcherTests
{
    private static readonly TxnOperation Guard = TxnOperation.KvCheckSession("consul-alerts/leader", "7c5b4f7e-0d7f-4a55-9d39-1e4b9c6a2f10");

    [Fact]
    public void Body_EncodedOperations_IsExactlyTheArrayTheSerializerWrites()
    {
        TxnOperation[] operations = [Guard, TxnOperation.KvSet("a/\"quoted\"", "<html>é</html>"u8.ToArray()), TxnOperation.KvDelete("b")];

        var body = TxnBatcher.Body(operations.Select(TxnBatcher.Encode).ToList());

        body.ShouldBe(JsonSerializer.SerializeToUtf8Bytes(operations, ConsulJsonContext.Default.TxnOperationArray));
        TxnBatcher.BodyBytes(operations.Select(TxnBatcher.Encode).ToList()).ShouldBe(body.Length);
    }

    [Fact]
    public void Pack_ManySmallOperations_AtMost64PerTransactionGuardIncluded()
    {
        var operations = Enumerable.Range(0, 200).Select(i => TxnOperation.KvSet($"k/{i}", "v"u8.ToArray())).ToList();

        var packing = TxnBatcher.Pack(operations, Guard);

        packing.Transactions.Select(t => t.Count).ShouldBe([64, 64, 64, 12]);
        packing.Transactions.ShouldAllBe(t => t[0].Operation == Guard);
        packing.Transactions.SelectMany(t => t.Skip(1)).Select(o => o.Operation).ShouldBe(operations);
        packing.Oversized.ShouldBeEmpty();
    }

    [Fact]
    public void Pack_SixtyFourValuesOf8KiB_SplitsByTheBytesSentAndKeepsOrder()
    {
        // 8 KiB of value is about 11 KiB of base64: 63 of them are over 512 KiB although the values alone are not.
        var operations = Enumerable.Range(0, 64).Select(i => TxnOperation.KvSet($"checks/n/_/c{i}", new byte[8 * 1024])).ToList();

        var packing = TxnBatcher.Pack(operations, Guard);

        packing.Transactions.Count.ShouldBe(2);
        packing.Transactions.ShouldAllBe(t => TxnBatcher.BodyBytes(t) <= ConsulLimits.TxnBodyBudget);
        packing.Transactions.SelectMany(t => t.Skip(1)).Select(o => o.Operation).ShouldBe(operations);
    }

    [Fact]
    public void Pack_ValueOverTheKvLimitOrTooBigForAnyBody_IsOversizedAndTheRestGoes()
    {
        var huge = TxnOperation.KvSet("huge", new byte[ConsulLimits.MaxValueBytes + 1]);
        var base64TooBig = TxnOperation.KvSet("big", new byte[400 * 1024]);
        var small = TxnOperation.KvSet("small", "v"u8.ToArray());

        var packing = TxnBatcher.Pack([huge, small, base64TooBig], Guard);

        packing.Oversized.ShouldBe([huge, base64TooBig]);
        packing.Transactions.ShouldHaveSingleItem().Select(o => o.Operation).ShouldBe([Guard, small]);
        TxnBatcher.Fits(small, Guard).ShouldBeTrue();
        TxnBatcher.Fits(base64TooBig, Guard).ShouldBeFalse();
    }

    [Fact]
    public void Pack_WithoutGuard_PacksOperationsOnly()
    {
        var packing = TxnBatcher.Pack(Enumerable.Range(0, 65).Select(i => TxnOperation.KvDelete($"k{i}")).ToList(), guard: null);

        packing.Transactions.Select(t => t.Count).ShouldBe([64, 1]);
    }

    [Fact]
    public void Pack_NothingToWrite_NoTransaction()
    {
        TxnBatcher.Pack([], Guard).Transactions.ShouldBeEmpty();
    }
}
