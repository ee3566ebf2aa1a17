namespace ConsulAlerts.Notifications.Templates;

/// <summary>
/// A parse or execution error of a Go-syntax template, located by 1-based line and column.
/// The message follows Go's shape: <c>template: name:3:12: unexpected "}" in operand</c>.
/// </summary>
internal sealed class GoTemplateException : Exception
{
    public GoTemplateException(string templateName, string source, int position, string detail)
        : base(Format(templateName, source, position, detail, out var line, out var column))
    {
        TemplateName = templateName;
        Detail = detail;
        Line = line;
        Column = column;
    }

    public string TemplateName { get; }

    /// <summary>The error without its location prefix.</summary>
    public string Detail { get; }

    public int Line { get; }

    public int Column { get; }

    private static string Format(string name, string source, int position, string detail, out int line, out int column)
    {
        position = Math.Clamp(position, 0, source.Length);
        line = 1;
        var lineStart = 0;
        for (var i = 0; i < position; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        column = position - lineStart + 1;
        return $"template: {name}:{line}:{column}: {detail}";
    }
}
