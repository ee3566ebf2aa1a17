using ConsulAlerts.Consul.Agent;
using ConsulAlerts.Consul.Catalog;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Consul.Events;
using ConsulAlerts.Consul.Health;
using ConsulAlerts.Consul.Http;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Operator;
using ConsulAlerts.Consul.Sessions;
using ConsulAlerts.Consul.Txn;
namespace ConsulAlerts.Consul;

/// <summary>
/// Typed async client of the Consul HTTP API, grouped by area (<see cref="Health"/>, <see cref="Kv"/>, ...).
/// Thread-safe. Every failure surfaces as a <see cref="ConsulException"/>; caller cancellation as
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ConsulClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;

    /// <summary>Uses an <see cref="HttpClient"/> built by <see cref="ConsulHttpClientFactory"/> (or from IHttpClientFactory with its handler).</summary>
    public ConsulClient(HttpClient httpClient, ConsulClientOptions options, TimeProvider? timeProvider = null)
        : this(new ConsulTransport(httpClient, options, timeProvider), ownedHttpClient: null)
    {
    }

    private ConsulClient(ConsulTransport transport, HttpClient? ownedHttpClient)
    {
        _ownedHttpClient = ownedHttpClient;
        Transport = transport;
        Health = new HealthEndpoint(transport);
        Catalog = new CatalogEndpoint(transport);
        Kv = new KvEndpoint(transport);
        Txn = new TxnEndpoint(transport);
        Sessions = new SessionEndpoint(transport);
        Events = new EventEndpoint(transport);
        Status = new StatusEndpoint(transport);
        Agent = new AgentEndpoint(transport);
        Operator = new OperatorEndpoint(transport);
    }

    public HealthEndpoint Health { get; }

    public CatalogEndpoint Catalog { get; }

    public KvEndpoint Kv { get; }

    public TxnEndpoint Txn { get; }

    public SessionEndpoint Sessions { get; }

    public EventEndpoint Events { get; }

    public StatusEndpoint Status { get; }

    public AgentEndpoint Agent { get; }

    public OperatorEndpoint Operator { get; }

    /// <summary>Where requests go.</summary>
    public ConsulAddress Address => Transport.Address;

    internal ConsulTransport Transport { get; }

    /// <summary>Builds the handler and client from the options; the returned client owns and disposes them.</summary>
    public static ConsulClient Create(ConsulClientOptions options, TimeProvider? timeProvider = null)
    {
        var http = ConsulHttpClientFactory.CreateHttpClient(options);
        try
        {
            return new ConsulClient(new ConsulTransport(http, options, timeProvider), http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public void Dispose() => _ownedHttpClient?.Dispose();
}
