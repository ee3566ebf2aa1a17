namespace ConsulAlerts.Hosting;

/// <summary>How the daemon writes its log to standard error (<c>--log-format</c>).</summary>
public enum LogFormat
{
    /// <summary>One line per event for people: <c>&lt;time&gt; [LVL] &lt;source&gt;: &lt;message&gt;</c>, an exception's stack trace after it.</summary>
    Text,

    /// <summary>One JSON object per line for log shippers: Serilog's compact format (CLEF) with the rendered message.</summary>
    Json,
}
