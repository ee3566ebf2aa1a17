using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsulAlerts.Silences;

namespace ConsulAlerts.Cli;

/// <summary>
/// <c>consul-alerts silence add|update|list|expire|import|export</c>: manages silences through the running daemon's API
/// (<c>/v1/silences</c>) on <c>--alert-addr</c>, with its API token. Exit 0 when everything asked was done, 1 when the
/// daemon refused something (each refusal on stderr), 2 when the daemon is not reachable, 64 for a bad command line.
/// </summary>
internal static class SilenceCommand
{
    public const string AuthorVariable = "USER";

    private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

    public static async Task<int> RunAsync(ParsedArguments arguments, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        RefuseOptionsOf(arguments, arguments.Target is "add" or "update" ? [] : ["duration", "start", "end", "comment", "author"]);
        using var api = DaemonApi.Connect(arguments, context);
        return arguments.Target switch
        {
            "add" => await AddAsync(arguments, context, api),
            "update" => await UpdateAsync(arguments, context, api),
            "list" => await ListAsync(arguments, context, api),
            "expire" => await ExpireAsync(arguments, context, api),
            "import" => await ImportAsync(arguments, context, api),
            _ => await ExportAsync(arguments, context, api),
        };
    }

    private static async Task<int> AddAsync(ParsedArguments arguments, CliContext context, DaemonApi api)
    {
        if (arguments.Operands.Count == 0)
        {
            throw new CommandLineException("silence add needs at least one matcher, e.g. node=web-1 or service=~\"api|web\"");
        }

        var matchers = SilenceRequestText.Matchers(arguments.Operands);
        var comment = arguments.Get("comment") is { Length: > 0 } c ? c : throw new CommandLineException("silence add needs --comment=<why>");
        var author = arguments.Get("author") ?? context.Environment.Get(AuthorVariable);
        if (string.IsNullOrWhiteSpace(author))
        {
            throw new CommandLineException($"silence add needs --author=<name> ({AuthorVariable} is not set)");
        }

        DateTimeOffset? start = arguments.Get("start") is { } startText ? SilenceRequestText.ParseTime("start", startText) : null;
        var end = SilenceRequestText.End(arguments, start ?? context.Time.GetUtcNow(), DefaultDuration);
        var request = new SilenceRequest
        {
            Matchers = matchers,
            StartsAt = SilenceRequestText.Format(start),
            EndsAt = SilenceRequestText.Format(end),
            CreatedBy = author,
            Comment = comment,
        };
        return await SendAsync(context, api, HttpMethod.Post, SilenceEndpointsPath, SilenceRequestText.Body(request), "");
    }

    /// <summary>
    /// <c>silence update &lt;id&gt; [matcher...]</c>: what is given replaces what the silence has (matchers, end from now
    /// with <c>--duration</c> or at <c>--end</c>, <c>--start</c> of a pending one, comment, author); the rest stays.
    /// </summary>
    private static async Task<int> UpdateAsync(ParsedArguments arguments, CliContext context, DaemonApi api)
    {
        if (arguments.Operands.Count == 0)
        {
            throw new CommandLineException("silence update needs the id of a silence, then any matchers that replace its own");
        }

        var id = arguments.Operands[0];
        var matchers = arguments.Operands.Count > 1 ? SilenceRequestText.Matchers(arguments.Operands.Skip(1)) : null;
        DateTimeOffset? start = arguments.Get("start") is { } startText ? SilenceRequestText.ParseTime("start", startText) : null;
        var end = SilenceRequestText.End(arguments, context.Time.GetUtcNow(), null);
        var path = SilenceEndpointsPath + "/" + Uri.EscapeDataString(id);
        if (await api.SendAsync(HttpMethod.Get, path) is not { } current)
        {
            return ExitCodes.DaemonUnreachable;
        }

        if (current.Status != 200 || SilenceRequestText.RequestOf(current.Body) is not { } stored)
        {
            await ReportRefusalAsync(context, $"silence {Printable(id)}: ", current);
            return ExitCodes.Failure;
        }

        // Unchanged parts are sent as they are; an active silence keeps its start whatever is sent.
        var body = SilenceRequestText.Body(stored with
        {
            Matchers = matchers ?? stored.Matchers,
            StartsAt = SilenceRequestText.Format(start) ?? stored.StartsAt,
            EndsAt = SilenceRequestText.Format(end) ?? stored.EndsAt,
            CreatedBy = arguments.Get("author") ?? stored.CreatedBy,
            Comment = arguments.Get("comment") ?? stored.Comment,
        });
        return await SendAsync(context, api, HttpMethod.Put, path, body, $"silence {Printable(id)}: ");
    }

    /// <summary>Sends a create or update and prints the silence's id; reports a refusal.</summary>
    private static async Task<int> SendAsync(CliContext context, DaemonApi api, HttpMethod method, string path, string body, string what)
    {
        if (await api.SendAsync(method, path, body) is not { } answer)
        {
            return ExitCodes.DaemonUnreachable;
        }

        if (answer.Status == 200 && TryParse(answer.Body) is { } written && written.TryGetProperty("silenceID", out var id))
        {
            await context.Stdout.WriteLineAsync(id.GetString());
            return ExitCodes.Success;
        }

        await ReportRefusalAsync(context, what, answer);
        return ExitCodes.Failure;
    }

    private static async Task<int> ListAsync(ParsedArguments arguments, CliContext context, DaemonApi api)
    {
        RefuseOperands(arguments);
        var (failure, silences) = await FetchAsync(context, api);
        if (failure is { } code)
        {
            return code;
        }

        await context.Stdout.WriteAsync(SilenceTable.Format(silences));
        return ExitCodes.Success;
    }

    /// <summary>Every silence the daemon knows, as its JSON array; or the exit code when it cannot be had (reported).</summary>
    private static async Task<(int? Failure, JsonElement Silences)> FetchAsync(CliContext context, DaemonApi api)
    {
        if (await api.SendAsync(HttpMethod.Get, SilenceEndpointsPath) is not { } answer)
        {
            return (ExitCodes.DaemonUnreachable, default);
        }

        if (answer.Status != 200 || TryParse(answer.Body) is not { ValueKind: JsonValueKind.Array } silences)
        {
            await ReportRefusalAsync(context, "", answer);
            return (ExitCodes.Failure, default);
        }

        return (null, silences);
    }

    private static async Task<int> ExpireAsync(ParsedArguments arguments, CliContext context, DaemonApi api)
    {
        if (arguments.Operands.Count == 0)
        {
            throw new CommandLineException("silence expire needs the ids of the silences to expire");
        }

        var failed = false;
        foreach (var id in arguments.Operands)
        {
            if (await api.SendAsync(HttpMethod.Delete, SilenceEndpointsPath + "/" + Uri.EscapeDataString(id)) is not { } answer)
            {
                return ExitCodes.DaemonUnreachable;
            }

            if (answer.Status == 200)
            {
                await context.Stdout.WriteLineAsync($"expired {id}");
                continue;
            }

            failed = true;
            await ReportRefusalAsync(context, $"silence {Printable(id)}: ", answer);
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async Task<int> ExportAsync(ParsedArguments arguments, CliContext context, DaemonApi api)
    {
        RefuseOperands(arguments);
        var (failure, silences) = await FetchAsync(context, api);
        if (failure is { } code)
        {
            return code;
        }

        // Active and pending silences, in the stored shape: what import takes back (an expired one could not be created).
        string[] fields = ["id", "matchers", "startsAt", "endsAt", "createdBy", "comment", "updatedAt"];
        var json = WriteJson(
            writer =>
            {
                writer.WriteStartArray();
                foreach (var silence in silences.EnumerateArray().Where(s => s.TryGetProperty("state", out var state) && state.GetString() != "expired"))
                {
                    writer.WriteStartObject();
                    foreach (var field in fields)
                    {
                        if (silence.TryGetProperty(field, out var value))
                        {
                            writer.WritePropertyName(field);
                            value.WriteTo(writer);
                        }
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            },
            indented: true);
        await context.Stdout.WriteLineAsync(json);
        return ExitCodes.Success;
    }

    private static async Task<int> ImportAsync(ParsedArguments arguments, CliContext context, DaemonApi api)
    {
        if (arguments.Operands.Count > 1)
        {
            throw new CommandLineException($"unexpected argument '{arguments.Operands[1]}'");
        }

        var source = arguments.Operands.Count == 0 ? "-" : arguments.Operands[0];
        byte[] bytes;
        try
        {
            if (source == "-")
            {
                using var buffer = new MemoryStream();
                await context.Stdin.CopyToAsync(buffer, context.Shutdown);
                bytes = buffer.ToArray();
            }
            else
            {
                bytes = await File.ReadAllBytesAsync(source, context.Shutdown);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"cannot read '{source}': {ex.Message}", ExitCodes.NoInput);
        }

        if (TryParse(bytes) is not { ValueKind: JsonValueKind.Array } silences)
        {
            throw new CommandLineException($"'{source}' is not a JSON array of silences (as silence export prints)", ExitCodes.Config);
        }

        var failed = false;
        var position = 0;
        foreach (var silence in silences.EnumerateArray())
        {
            position++;
            if (await api.SendAsync(HttpMethod.Post, SilenceEndpointsPath, silence.GetRawText()) is not { } answer)
            {
                return ExitCodes.DaemonUnreachable;
            }

            if (answer.Status == 200 && TryParse(answer.Body) is { } created && created.TryGetProperty("silenceID", out var id))
            {
                await context.Stdout.WriteLineAsync($"#{position.ToString(CultureInfo.InvariantCulture)} imported as {id.GetString()}");
                continue;
            }

            failed = true;
            await ReportRefusalAsync(context, $"silence #{position.ToString(CultureInfo.InvariantCulture)}: ", answer);
        }

        return failed ? ExitCodes.Failure : ExitCodes.Success;
    }

    private const string SilenceEndpointsPath = "v1/silences";

    private static void RefuseOptionsOf(ParsedArguments arguments, string[] names)
    {
        foreach (var name in names)
        {
            if (arguments.Has(name))
            {
                throw new CommandLineException($"--{name} is an option of 'silence add' and 'silence update' only");
            }
        }
    }

    private static void RefuseOperands(ParsedArguments arguments)
    {
        if (arguments.Operands.Count > 0)
        {
            throw new CommandLineException($"unexpected argument '{arguments.Operands[0]}'");
        }
    }

    // The daemon's {"errors": [...]} one per line, or its status and text.
    private static async Task ReportRefusalAsync(CliContext context, string what, (int Status, string Body) answer)
    {
        if (TryParse(answer.Body) is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in errors.EnumerateArray())
            {
                await context.Stderr.WriteLineAsync($"consul-alerts: {what}{Printable(error.ToString())}");
            }

            return;
        }

        var text = answer.Body.Trim();
        text = text.Length > 1000 ? text[..1000] + "..." : text;
        await context.Stderr.WriteLineAsync($"consul-alerts: {what}the daemon answered {answer.Status.ToString(CultureInfo.InvariantCulture)}{(text.Length > 0 ? ": " + Printable(text) : "")}");
    }

    private static JsonElement? TryParse(string text) => TryParse(Encoding.UTF8.GetBytes(text));

    private static JsonElement? TryParse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string WriteJson(Action<Utf8JsonWriter> write, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Text from elsewhere with control characters shown as <c>?</c>, so it cannot move the terminal.</summary>
    internal static string Printable(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
}
