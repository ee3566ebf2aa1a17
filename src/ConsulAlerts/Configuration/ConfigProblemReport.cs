namespace ConsulAlerts.Configuration;

/// <summary>Turns the parser's problems into the errors a snapshot lists, logs and shows: bounded, one per key.</summary>
internal static class ConfigProblemReport
{
    /// <summary>
    /// One entry per key, in the order found: its first problem, with a count of the others (a value may hold thousands);
    /// at most <see cref="ConfigLimits.MaxErrorsListed"/> keys, and one more entry counting the keys not listed.
    /// </summary>
    public static List<ConfigError> Errors(string root, IReadOnlyList<ConfigProblem> problems)
    {
        var byKey = new Dictionary<string, (ConfigProblem First, int Count)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var problem in problems)
        {
            if (byKey.TryGetValue(problem.Key, out var seen))
            {
                byKey[problem.Key] = (seen.First, seen.Count + 1);
            }
            else
            {
                byKey[problem.Key] = (problem, 1);
                order.Add(problem.Key);
            }
        }

        var errors = new List<ConfigError>(Math.Min(order.Count, ConfigLimits.MaxErrorsListed + 1));
        foreach (var key in order.Take(ConfigLimits.MaxErrorsListed))
        {
            var (first, count) = byKey[key];
            var error = first.ToError();
            errors.Add(count == 1 ? error : error with { Message = $"{error.Message} (and {count - 1} more problems in this value)" });
        }

        if (order.Count > ConfigLimits.MaxErrorsListed)
        {
            errors.Add(new ConfigError(root, $"{order.Count - ConfigLimits.MaxErrorsListed} more keys have problems; they are not listed"));
        }

        return errors;
    }
}
