namespace ConsulAlerts.DevAgent.Blocking;

/// <summary>
/// Runs a query the way Consul's server does: return at once without an index, otherwise re-evaluate on every change of the
/// watched table until the index exceeds the client's, the timeout passes, or the store is reset.
/// </summary>
internal static class BlockingQuery
{
    public static async Task<BlockingResult<T>> RunAsync<T>(
        IBlockingSource source,
        ChangeSignal signal,
        ulong minIndex,
        TimeSpan timeout,
        Func<BlockingResult<T>> evaluate,
        CancellationToken cancellationToken,
        Func<IDisposable?>? parked = null)
    {
        if (minIndex == 0)
        {
            lock (source.Gate)
            {
                return evaluate();
            }
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var generation = source.Generation;
        var notFound = false;
        while (true)
        {
            BlockingResult<T> result;
            Task changed;
            lock (source.Gate)
            {
                changed = signal.Current;
                result = evaluate();
            }

            // Like newer Consul servers: a result that stays missing keeps blocking even though the table index moved.
            if (result.NotFound)
            {
                if (notFound)
                {
                    minIndex = result.Index;
                }

                notFound = true;
            }

            if (result.Index > minIndex || source.Generation != generation)
            {
                return result;
            }

            try
            {
                using (parked?.Invoke())
                {
                    await changed.WaitAsync(timeoutSource.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return result;
            }
        }
    }
}
