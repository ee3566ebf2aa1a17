namespace ConsulAlerts.Notifications.Templates;

/// <summary>How a parsed template renders its values.</summary>
internal sealed record GoTemplateOptions
{
    /// <summary>Plain text/template output.</summary>
    public static GoTemplateOptions Text { get; } = new();

    /// <summary>Escapes action output like html/template does in HTML text content.</summary>
    public static GoTemplateOptions Html { get; } = new() { HtmlEscape = true };

    /// <summary>
    /// Escape what actions print (never the literal template text) with html/template's text-content
    /// escaper: <c>&amp; &lt; &gt; " ' +</c> and NUL; nil and missing values print as nothing.
    /// </summary>
    public bool HtmlEscape { get; init; }

    /// <summary>
    /// Characters one execution may write, and the longest string a function may return: Go has no such bound, but a
    /// template from KV must not be able to fill memory (<c>{{range 100000000}}</c>, <c>printf "%999999s"</c> doubled
    /// through a variable). Four times the text of a thousand full 8 KiB check outputs.
    /// </summary>
    public int MaxOutputChars { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// Characters all function calls of one execution may return together: each step may build a long string, so the
    /// step limit alone would let a loop of wide <c>printf</c>s run for minutes.
    /// </summary>
    public long MaxComputedChars { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Nodes one execution may visit (range iterations included), so an empty loop over a huge integer ends too, in a
    /// fraction of a second; far above what a template visiting a few dozen nodes for each of a thousand checks needs.
    /// </summary>
    public int MaxSteps { get; init; } = 1_000_000;
}
