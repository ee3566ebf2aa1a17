using Microsoft.Extensions.Logging;

namespace ConsulAlerts.Resilience;

/// <summary>
/// The failures of one retrying activity (a loop, a writer): the first failure of an outage is logged at warning
/// level, the repeats at debug level, and the recovery once at information level with how long it lasted.
/// </summary>
internal sealed class Outage(string activity, ILogger logger, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _since;

    public string Activity { get; } = activity;

    /// <summary>Failures since the last success.</summary>
    public int Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>An attempt failed; the next comes after <paramref name="retryIn"/>.</summary>
    public void Failed(Exception error, TimeSpan retryIn)
    {
        ArgumentNullException.ThrowIfNull(error);
        int failures;
        lock (_gate)
        {
            failures = ++_failures;
            if (failures == 1)
            {
                _since = timeProvider.GetUtcNow();
            }
        }

        var reason = Describe(error);
        if (failures == 1)
        {
            ResilienceLog.Failing(logger, Activity, reason, retryIn);
        }
        else
        {
            ResilienceLog.StillFailing(logger, Activity, failures, reason, retryIn);
        }
    }

    /// <summary>An attempt succeeded: logs the recovery when it ends an outage.</summary>
    public void Succeeded()
    {
        int failures;
        DateTimeOffset since;
        lock (_gate)
        {
            failures = _failures;
            since = _since;
            _failures = 0;
        }

        if (failures > 0)
        {
            var outage = timeProvider.GetUtcNow() - since;
            ResilienceLog.Recovered(logger, Activity, failures, outage);
        }
    }

    /// <summary>A failure in words that never carry a secret: Consul's errors say what failed, anything else only its type.</summary>
    private static string Describe(Exception error) => error switch
    {
        Consul.Errors.ConsulException consul => consul.Kind + ": " + consul.Message,
        _ => error.GetType().Name,
    };
}
