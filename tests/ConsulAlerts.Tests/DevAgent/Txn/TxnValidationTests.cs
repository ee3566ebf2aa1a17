using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Txn;

namespace ConsulAlerts.Tests.DevAgent.Txn;

public sealed class TxnValidationTests
{
    [Fact]
    public void Validate_64Operations_Passes() =>
        Should.NotThrow(() => TxnValidation.Validate(Ops(64, "set")));

    [Fact]
    public void Validate_65Operations_Throws413WithConsulMessage()
    {
        var ex = Should.Throw<ConsulHttpException>(() => TxnValidation.Validate(Ops(65, "set")));

        ex.StatusCode.ShouldBe(413);
        ex.Message.ShouldBe("Transaction contains too many operations (65 > 64)");
    }

    [Fact]
    public void Validate_ValueOver512KiB_Throws413()
    {
        var ops = new List<TxnOp> { new() { KV = new TxnKvOp { Verb = "set", Key = "k", Value = new byte[(512 * 1024) + 1] } } };

        Should.Throw<ConsulHttpException>(() => TxnValidation.Validate(ops)).StatusCode.ShouldBe(413);
    }

    [Theory]
    [InlineData("get", true)]
    [InlineData("get-tree", true)]
    [InlineData("check-index", true)]
    [InlineData("check-not-exists", true)]
    [InlineData("set", false)]
    [InlineData("delete", false)]
    [InlineData("lock", false)]
    public void IsReadOnly_Verb_TrueOnlyForReads(string verb, bool expected) =>
        TxnValidation.IsReadOnly(Ops(2, verb)).ShouldBe(expected);

    private static List<TxnOp> Ops(int count, string verb) =>
        [.. Enumerable.Range(0, count).Select(i => new TxnOp { KV = new TxnKvOp { Verb = verb, Key = $"k{i}" } })];
}
