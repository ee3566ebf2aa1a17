using ConsulAlerts.DevAgent.Catalog;

namespace ConsulAlerts.DevAgent.Txn;

/// <summary>The service of a transaction Service operation.</summary>
internal sealed record TxnService
{
    public string? ID { get; init; }

    public string? Service { get; init; }

    public string[]? Tags { get; init; }

    public string? Address { get; init; }

    public Dictionary<string, string>? Meta { get; init; }

    public int Port { get; init; }

    public ServiceWeights? Weights { get; init; }

    public bool EnableTagOverride { get; init; }

    public ulong ModifyIndex { get; init; }
}
