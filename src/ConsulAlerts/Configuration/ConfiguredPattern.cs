using System.Text.RegularExpressions;

namespace ConsulAlerts.Configuration;

/// <summary>
/// A regular expression from KV (a blacklist or a selection pattern), with the key that holds it. Compiled with
/// <see cref="RegexOptions.NonBacktracking"/>, whose matching time grows linearly with the name, so no pattern can
/// make a match run away (Go's RE2, which the Go daemon used, is linear too and has none of the constructs this engine
/// lacks). A pattern this engine cannot run (lookaround, backreference, atomic group, a repetition too large to build)
/// is matched by the backtracking engine with a tight time limit instead, and the parser reports it against its key.
/// A match that runs out of time counts as a match, the safe side for a blacklist (muted) and a selection (its
/// profile), and is reported once to <see cref="PatternTimeouts"/>.
/// </summary>
internal sealed class ConfiguredPattern
{
    /// <summary>Limit of one match of a linear pattern: never reached in practice, a guard against giant patterns.</summary>
    public static readonly TimeSpan LinearTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Limit of one match of a pattern only the backtracking engine can run.</summary>
    public static readonly TimeSpan BacktrackingTimeout = TimeSpan.FromMilliseconds(10);

    private readonly PatternTimeouts _timeouts;
    private long _evaluations;

    private ConfiguredPattern(string key, Regex regex, bool linear, PatternTimeouts timeouts)
    {
        Key = key;
        Regex = regex;
        Linear = linear;
        _timeouts = timeouts;
    }

    /// <summary>The full KV key that holds the pattern.</summary>
    public string Key { get; }

    public Regex Regex { get; }

    /// <summary>Whether it runs on the linear-time engine; false means backtracking with <see cref="BacktrackingTimeout"/>.</summary>
    public bool Linear { get; }

    /// <summary>The pattern's text.</summary>
    public string Text => Regex.ToString();

    /// <summary>How many names it has been matched against (a cache in front of it keeps this low).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>Compiles <paramref name="pattern"/>, on the linear-time engine when it can run it.</summary>
    /// <exception cref="RegexParseException">The pattern is not a valid regular expression.</exception>
    public static ConfiguredPattern Compile(string key, string pattern, PatternTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(pattern);
        timeouts ??= new PatternTimeouts();
        try
        {
            return new ConfiguredPattern(key, new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, LinearTimeout), true, timeouts);
        }
        catch (NotSupportedException)
        {
            return new ConfiguredPattern(key, new Regex(pattern, RegexOptions.CultureInvariant, BacktrackingTimeout), false, timeouts);
        }
    }

    /// <summary>Whether <paramref name="input"/> matches; a match that runs out of time counts as one, and is reported.</summary>
    public bool IsMatch(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Interlocked.Increment(ref _evaluations);
        try
        {
            return Regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            _timeouts.Record(Key);
            return true;
        }
    }

    public override string ToString() => Text;
}
