namespace ConsulAlerts.Consul.Blocking;

/// <summary>
/// The index bookkeeping of a blocking loop, as a value: which index to send next and whether an answer
/// counts as a change. <see cref="Last"/> (the last index seen) is kept apart from <see cref="NextIndex"/> (the next one
/// sent) so that re-reading from 0 after a reset does not report an unchanged result again.
/// </summary>
/// <param name="Last">The last index seen; null before the first successful answer.</param>
/// <param name="NextIndex">The index to send with the next request.</param>
internal readonly record struct BlockingIndexState(ulong? Last, ulong NextIndex)
{
    public static BlockingIndexState Initial => new(null, 0);

    /// <summary>Applies an answer with index <paramref name="index"/>; <c>Changed</c> says whether to call the handler.</summary>
    public (BlockingIndexState Next, bool Changed) Advance(ulong index, BlockingIndexMode mode)
    {
        if (mode == BlockingIndexMode.Equality)
        {
            // Event indexes are hashes: "lower" means nothing, so never reset; block on exactly what we saw.
            return (new BlockingIndexState(index, index), Last != index);
        }

        if (Last is not { } previous)
        {
            return (new BlockingIndexState(index, Math.Max(index, 1)), true);
        }

        if (index == previous)
        {
            // A timeout or a write that changed nothing. max(n, 1) also repairs a NextIndex of 0 left by a reset or an error.
            return (new BlockingIndexState(previous, Math.Max(index, 1)), false);
        }

        if (index < previous)
        {
            // Snapshot restore, a deleted highest key, an upgrade: the old index would block far too long.
            return (new BlockingIndexState(index, 0), true);
        }

        return (new BlockingIndexState(index, Math.Max(index, 1)), true);
    }

    /// <summary>
    /// After a failure the index is kept: the only deliberate 0 after the first call is the backwards reset. A server
    /// whose index went backwards during the outage is noticed because the loop shortens the next wait.
    /// </summary>
    public BlockingIndexState AfterError() => this;
}
