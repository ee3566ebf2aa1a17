namespace ConsulAlerts.DevAgent.Blocking;

/// <summary>What a blocking query needs from the store: its lock and the generation that a snapshot restore bumps.</summary>
internal interface IBlockingSource
{
    Lock Gate { get; }

    long Generation { get; }
}
