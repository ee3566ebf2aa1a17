namespace ConsulAlerts.Tests.Testing;

public sealed class InheritedSignalsTests
{
    [Theory]
    [InlineData("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000006\nSigCgt:\t0000000000000400\n", true)]
    [InlineData("SigIgn:\t0000000000001000\n", false)]
    [InlineData("SigIgn:\t0000000000000004\n", false)]
    [InlineData("SigIgn:\t0000000000000002\n", true)]
    [InlineData("Name:\tdotnet\n", false)]
    [InlineData("SigIgn:\tzz\n", false)]
    public void IsIgnored_StatusText_ReadsTheSigIntBit(string status, bool ignored)
    {
        InheritedSignals.IsIgnored(status, InheritedSignals.SigInt).ShouldBe(ignored);
    }
}
