namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// A template in Go <c>text/template</c> syntax, parsed once and executed many times (thread-safe).
/// Supports the subset consul-alerts templates use: text and actions with <c>{{- -}}</c> trimming,
/// comments, fields and parameterless methods, variables, <c>if/else if/else</c>, <c>with</c>,
/// <c>range</c> (maps sorted by key), pipelines, parenthesized pipelines, literals, and the
/// functions <c>and or not eq ne lt le gt ge len index slice print printf println html js urlquery</c>.
/// Not supported: <c>define</c>, <c>template</c>, <c>block</c>, <c>break</c>, <c>continue</c>,
/// custom functions and methods with arguments.
/// </summary>
internal sealed class GoTemplate
{
    private readonly ListNode _root;

    private GoTemplate(string name, string source, ListNode root, GoTemplateOptions options)
    {
        Name = name;
        Source = source;
        _root = root;
        Options = options;
    }

    public string Name { get; }

    public string Source { get; }

    public GoTemplateOptions Options { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="GoTemplateException">The template is malformed; the error carries its line and column.</exception>
    public static GoTemplate Parse(string name, string text, GoTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        return new GoTemplate(name, text, TemplateParser.Parse(name, text), options ?? GoTemplateOptions.Text);
    }

    /// <summary>Renders the template with <paramref name="data"/> as dot.</summary>
    /// <exception cref="GoTemplateException">Execution failed, for example on an unknown field.</exception>
    public string Execute(object? data)
    {
        using var writer = new StringWriter();
        Render(data, writer);
        return writer.ToString();
    }

    /// <summary>Renders the template to <paramref name="writer"/>; output already written stays written on error.</summary>
    /// <exception cref="GoTemplateException">Execution failed, for example on an unknown field.</exception>
    public void Render(object? data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        new TemplateExecutor(this, writer, data).Run(_root, data);
    }
}
