using System.Globalization;
using ConsulAlerts.Diagnostics;
using Serilog.Events;
using Serilog.Formatting;

namespace ConsulAlerts.Hosting;

/// <summary>
/// Makes a log event safe to write before a Serilog formatter writes it, whatever its values carry (a check ID, a
/// script's output, a KV key, an exception message quoting input): no URL keeps its userinfo (<see cref="UrlText"/>), at
/// any level and in either format; an exception's messages are escaped by <see cref="LineText"/> while its stack trace
/// keeps its lines; and for the text format every string value is escaped too, so one event is one line (plus the
/// stack trace) and no value can forge a line or drive a terminal. JSON escapes control characters itself; what it
/// leaves as it is (DEL, C1, line and paragraph separators) becomes a visible replacement. Serilog has no such
/// cleaning, hence this decorator; only the text is cleaned: the event itself, and any other sink, keeps its values.
/// </summary>
internal sealed class SafeLogFormatter(ITextFormatter inner, bool escapeLines) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Clean(p.Value, nested: !escapeLines)));
        var exception = logEvent.Exception is { } thrown ? new LoggedException(Render(thrown)) : null;
        inner.Format(
            new LogEvent(logEvent.Timestamp, logEvent.Level, exception, logEvent.MessageTemplate, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default),
            output);
    }

    /// <summary>
    /// A value with every string in it made safe. A top-level string of the text format is rendered literally
    /// (<c>:l</c>), so it is escaped here; strings nested in sequences and structures, and every string of the JSON
    /// format, are written as JSON strings, which already escape C0.
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

    private static string CleanText(string text, bool nested)
    {
        text = UrlText.StripUserInfo(text);
        if (!nested)
        {
            return LineText.Escape(text);
        }

        return text.Any(c => c >= '\u007f' && LineText.NeedsEscape(c))
            ? string.Concat(text.Select(c => c >= '\u007f' && LineText.NeedsEscape(c) ? '\uFFFD' : c))
            : text;
    }

    /// <summary>
    /// Like <see cref="Exception.ToString()"/>, with each message escaped: a message may quote input. Stack traces are
    /// the code's own text and keep their lines.
    /// </summary>
    private static string Render(Exception exception)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Render(exception, output);
        return output.ToString();
    }

    private static void Render(Exception exception, StringWriter output)
    {
        output.Write(exception.GetType().FullName);
        output.Write(": ");
        output.Write(CleanText(exception.Message, nested: false));
        if (exception.InnerException is { } inner)
        {
            output.Write("\n ---> ");
            Render(inner, output);
            output.Write("\n   --- End of inner exception stack trace ---");
        }

        if (exception.StackTrace is { Length: > 0 } stackTrace)
        {
            output.Write('\n');
            output.Write(stackTrace.ReplaceLineEndings("\n"));
        }
    }

    /// <summary>
    /// Stands in for the logged exception: Serilog's formatters write an event's exception as its
    /// <see cref="object.ToString()"/>, which here is the cleaned text.
    /// </summary>
    private sealed class LoggedException(string text) : Exception(text)
    {
        public override string ToString() => Message;
    }
}
