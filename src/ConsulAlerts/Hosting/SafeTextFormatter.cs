using System.Globalization;
using ConsulAlerts.Diagnostics;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace ConsulAlerts.Hosting;

/// <summary>
/// The daemon's text log format, safe against what logged values carry: every string a property holds (a check ID, a
/// script's output, a KV key) is escaped by <see cref="LineText"/> before it is rendered, so one event is one line
/// (plus the stack trace of an exception) and no value can forge a line or drive a terminal; and no URL in a value or
/// an exception message keeps its userinfo (<see cref="UrlText"/>), at any level. Only the text is cleaned: the event
/// itself, and any structured sink, keeps the values as they were.
/// </summary>
internal sealed class SafeTextFormatter(string outputTemplate, IFormatProvider formatProvider) : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _inner = new(outputTemplate, formatProvider);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Clean(p.Value)));
        _inner.Format(new LogEvent(logEvent.Timestamp, logEvent.Level, exception: null, logEvent.MessageTemplate, properties), output);
        if (logEvent.Exception is { } exception)
        {
            WriteException(exception, output);
            output.Write('\n');
        }
    }

    /// <summary>
    /// A value with every string in it made safe. A top-level string is rendered literally (<c>:l</c>), so it is escaped
    /// here; strings nested in sequences and structures are rendered as JSON strings, which already escape C0, so only
    /// what JSON leaves as it is (DEL, C1, line and paragraph separators) is replaced there.
    /// </summary>
    internal static LogEventPropertyValue Clean(LogEventPropertyValue value, bool nested = false) => value switch
    {
        ScalarValue { Value: null or bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
            or TimeSpan or DateTime or DateTimeOffset or Guid or Enum } => value,
        ScalarValue { Value: string text } => CleanText(text, nested) is var clean && ReferenceEquals(clean, text) ? value : new ScalarValue(clean),
        ScalarValue scalar => new ScalarValue(CleanText(Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? "", nested)),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(e => Clean(e, nested: true))),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Clean(p.Value, nested: true))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Clean(e.Key, nested: true), Clean(e.Value, nested: true)))),
        _ => value,
    };

    private static string CleanText(string text, bool nested = false)
    {
        text = UrlText.StripUserInfo(text);
        if (!nested)
        {
            return LineText.Escape(text);
        }

        // JSON rendering escapes C0 itself; the rest would pass through it, so it becomes a visible replacement.
        return text.Any(c => c >= '\u007f' && LineText.NeedsEscape(c))
            ? string.Concat(text.Select(c => c >= '\u007f' && LineText.NeedsEscape(c) ? '\uFFFD' : c))
            : text;
    }

    /// <summary>
    /// Like <see cref="Exception.ToString()"/>, with each message escaped: a message may quote input. Stack traces are
    /// the code's own text and keep their lines.
    /// </summary>
    private static void WriteException(Exception exception, TextWriter output)
    {
        output.Write(exception.GetType().FullName);
        output.Write(": ");
        output.Write(CleanText(exception.Message));
        if (exception.InnerException is { } inner)
        {
            output.Write("\n ---> ");
            WriteException(inner, output);
            output.Write("\n   --- End of inner exception stack trace ---");
        }

        if (exception.StackTrace is { Length: > 0 } stackTrace)
        {
            output.Write('\n');
            output.Write(stackTrace.ReplaceLineEndings("\n"));
        }
    }
}
