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
}
