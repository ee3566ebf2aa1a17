namespace ConsulAlerts.Tests.Silences;

/// <summary>
/// A Consul client's HTTP handler that, before passing on the requests <see cref="InterfereWhen"/> picks, runs
/// <see cref="Interference"/> (another writer's change landing just before this one), as often as <see cref="Times"/> says.
/// </summary>
internal sealed class InterferingConsulHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private int _done;

    public Func<HttpRequestMessage, bool> InterfereWhen { get; set; } = _ => false;

    public Func<Task> Interference { get; set; } = () => Task.CompletedTask;

    public int Times { get; set; } = 1;

    /// <summary>Interferences run so far.</summary>
    public int Done => Volatile.Read(ref _done);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Done < Times && InterfereWhen(request))
        {
            Interlocked.Increment(ref _done);
            await Interference();
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
