using ConsulAlerts.Consul;
using ConsulAlerts.Consul.Kv;
using ConsulAlerts.Consul.Queries;
using ConsulAlerts.Hosting;
using ConsulAlerts.Storage;
using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Silences;

/// <summary>
/// Creates, updates and expires silences in KV; any daemon may, leader or standby. Every write is a check-and-set on the key's
/// ModifyIndex (0 for a new key), so two writers never lose each other's change: the one that loses re-reads and
/// applies its change to what the other wrote. Nothing is written for an invalid request. A write that fails part-way
/// (Consul unreachable) throws <see cref="Consul.Errors.ConsulException"/>; repeating it is safe, as an expiry of an expired silence
/// writes nothing and a create always uses a new id.
/// </summary>
internal sealed class SilenceWriter
{
    /// <summary>CAS attempts of one expiry before it gives up with <see cref="SilenceWriteResult.Conflict"/>.</summary>
    public const int MaxAttempts = 8;

    private readonly ConsulClient _consul;
    private readonly SilenceStore _store;
    private readonly KvLayout _layout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SilenceWriter(ConsulClient consul, ConsulAlertsOptions options, SilenceStore store, TimeProvider timeProvider, ILogger<SilenceWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(consul);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _consul = consul;
        _store = store;
        _layout = new KvLayout(options.KvPrefix);
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Validates the request and stores it under a new id; invalid requests write nothing.</summary>
    public async Task<SilenceWriteOutcome> CreateAsync(SilenceRequest? request, CancellationToken cancellationToken)
    {
        if (_store.All.Count >= SilenceLimits.MaxSilences)
        {
            return SilenceWriteOutcome.Invalid([$"silences: {SilenceLimits.MaxSilences} are kept already; expire some, or wait for the retention to remove expired ones"]);
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var validation = SilenceValidator.ValidateRequest(request, SilenceIds.NewId(), _time.GetUtcNow());
            if (validation.Silence is not { } silence)
            {
                return SilenceWriteOutcome.Invalid(validation.Errors);
            }

            var value = SilenceCodec.Encode(silence);
            if (value.Length > SilenceLimits.MaxRecordBytes)
            {
                return SilenceWriteOutcome.Invalid([$"silence: larger than {SilenceLimits.MaxRecordBytes} bytes once encoded"]);
            }

            // CAS 0: only if the key does not exist, so an id drawn twice never overwrites a silence.
            if (await _consul.Kv.PutAsync(_layout.Silence(silence.Id), value, new KvPutOptions { Cas = 0 }, cancellationToken))
            {
                await ReadBackAsync(silence.Id, cancellationToken);
                SilenceLog.Created(_logger, silence.Id, silence.CreatedBy, silence.StartsAt, silence.EndsAt);
                return SilenceWriteOutcome.Done(silence);
            }
        }

        return SilenceWriteOutcome.Conflict;
    }

    /// <summary>
    /// Ends a silence now (a pending one starts and ends now), keeping the record for the retention period. An expired
    /// silence is left as it is. A lost CAS re-reads and tries again, up to <see cref="MaxAttempts"/> times.
    /// </summary>
    public Task<SilenceWriteOutcome> ExpireAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(
            id,
            (silence, now) => silence.EndsAt <= now
                ? (null, SilenceWriteOutcome.Done(silence))
                : (silence with { StartsAt = silence.StartsAt < now ? silence.StartsAt : now, EndsAt = now, UpdatedAt = now }, null),
            expired => SilenceLog.Expired(_logger, expired.Id),
            cancellationToken);

    /// <summary>
    /// Replaces a pending or active silence's matchers, end, author and comment, keeping its id, as Alertmanager's
    /// update does: to extend a maintenance window, or to narrow what it mutes. An active silence keeps the start it
    /// had (a start in the future would make it pending again: expire it and create one instead); a pending one takes
    /// the start requested. An expired silence is a record and is not changed. A lost CAS re-reads and applies the
    /// request again, up to <see cref="MaxAttempts"/> times.
    /// </summary>
    public Task<SilenceWriteOutcome> UpdateAsync(string id, SilenceRequest? request, CancellationToken cancellationToken) =>
        ChangeAsync(
            id,
            (stored, now) =>
            {
                if (stored.StatusAt(now) == SilenceStatus.Expired)
                {
                    return (null, SilenceWriteOutcome.Invalid([$"id: silence {id} has expired and is kept only as a record; create a new one"]));
                }

                var validation = SilenceValidator.ValidateRequest(request, id, now);
                if (validation.Silence is not { } requested)
                {
                    return (null, SilenceWriteOutcome.Invalid(validation.Errors));
                }

                if (stored.StatusAt(now) != SilenceStatus.Active)
                {
                    return (requested, null);
                }

                return requested.StartsAt > now
                    ? (null, SilenceWriteOutcome.Invalid(["startsAt: the silence is active; to start it later, expire it and create a new one"]))
                    : (requested with { StartsAt = stored.StartsAt }, null);
            },
            updated => SilenceLog.Updated(_logger, updated.Id, updated.CreatedBy, updated.StartsAt, updated.EndsAt),
            cancellationToken);

    /// <summary>
    /// A change to a stored silence: reads it consistently, asks <paramref name="change"/> for the silence to write (or
    /// the outcome to stop with), and writes it with a CAS on the ModifyIndex read; a lost CAS starts again from a
    /// fresh read, up to <see cref="MaxAttempts"/> times.
    /// </summary>
    private async Task<SilenceWriteOutcome> ChangeAsync(
        string id,
        Func<Silence, DateTimeOffset, (Silence? Write, SilenceWriteOutcome? Stop)> change,
        Action<Silence> written,
        CancellationToken cancellationToken)
    {
        if (!SilenceIds.IsValid(id))
        {
            return SilenceWriteOutcome.NotFound;
        }

        var key = _layout.Silence(id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = await _consul.Kv.GetAsync(key, new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
            if (read.Value is not { } pair || SilenceCodec.Decode(pair.Value, id) is not { Silence: { } stored })
            {
                return SilenceWriteOutcome.NotFound;
            }

            var (write, stop) = change(stored, _time.GetUtcNow());
            if (write is null)
            {
                return stop!;
            }

            var value = SilenceCodec.Encode(write);
            if (value.Length > SilenceLimits.MaxRecordBytes)
            {
                return SilenceWriteOutcome.Invalid([$"silence: larger than {SilenceLimits.MaxRecordBytes} bytes once encoded"]);
            }

            if (await _consul.Kv.PutAsync(key, value, new KvPutOptions { Cas = pair.ModifyIndex }, cancellationToken))
            {
                await ReadBackAsync(id, cancellationToken);
                written(write);
                return SilenceWriteOutcome.Done(write);
            }
        }

        return SilenceWriteOutcome.Conflict;
    }

    // The write is shown by this daemon at once, with the index a later CAS must name.
    private async Task ReadBackAsync(string id, CancellationToken cancellationToken)
    {
        var read = await _consul.Kv.GetAsync(_layout.Silence(id), new QueryOptions { Consistency = ConsulConsistency.Consistent }, cancellationToken);
        if (read.Value is { } pair && SilenceCodec.Decode(pair.Value, id) is { Silence: { } silence, Rule: { } rule })
        {
            _store.Observe(new StoredSilence(silence, rule, pair.ModifyIndex));
        }
    }
}
