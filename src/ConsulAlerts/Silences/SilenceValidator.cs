using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsulAlerts.Compat;
using ConsulAlerts.Configuration;
using ConsulAlerts.Muting;

namespace ConsulAlerts.Silences;

/// <summary>
/// Checks a silence, from a request or from KV, and reports every problem together, each naming its field
/// (<c>matchers[1].name: unknown label 'foo'</c>, <c>endsAt: must be after startsAt</c>). Messages quote only short,
/// sanitised parts of what was sent. A valid silence comes back with its <see cref="SilenceRule"/>, its matchers
/// compiled by <see cref="AlertMatcher.Create"/>.
/// </summary>
internal static class SilenceValidator
{
    private const int QuotedLength = 64;

    /// <summary>A request to create a silence, as of <paramref name="now"/>: a missing or past start becomes now, and the end must be later.</summary>
    /// <param name="request">The request; null is reported as a missing body.</param>
    /// <param name="id">The id the new silence will have.</param>
    /// <param name="now">The daemon's clock.</param>
    public static SilenceValidation ValidateRequest(SilenceRequest? request, string id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (request is null)
        {
            return new SilenceValidation(["body: a JSON object is required"], null, null);
        }

        var errors = new List<string>();
        now = now.ToUniversalTime();
        var startsAt = request.StartsAt is null ? now : ParseTime("startsAt", request.StartsAt, errors);
        DateTimeOffset? endsAt = request.EndsAt is null ? null : ParseTime("endsAt", request.EndsAt, errors);
        if (request.EndsAt is null)
        {
            errors.Add("endsAt: required");
        }

        if (startsAt is { } s && s < now)
        {
            startsAt = now;
        }

        if (startsAt is { } start && endsAt is { } end)
        {
            if (end <= start)
            {
                errors.Add("endsAt: must be after startsAt");
            }
            else if (end <= now)
            {
                errors.Add("endsAt: must be in the future");
            }
        }

        var matchers = ValidateMatchers(request.Matchers, errors);
        var createdBy = ValidateText("createdBy", request.CreatedBy, SilenceLimits.MaxCreatedByLength, allowLineBreaks: false, errors);
        var comment = ValidateText("comment", request.Comment, SilenceLimits.MaxCommentLength, allowLineBreaks: true, errors);
        if (errors.Count > 0)
        {
            return new SilenceValidation(errors, null, null);
        }

        var silence = new Silence
        {
            Id = id,
            Matchers = [.. request.Matchers!.Select(m => m! with { })],
            StartsAt = startsAt!.Value,
            EndsAt = endsAt!.Value,
            CreatedBy = createdBy!,
            Comment = comment!,
            UpdatedAt = now,
        };
        return new SilenceValidation([], silence, new SilenceRule(id, matchers, silence.StartsAt, silence.EndsAt));
    }

    /// <summary>
    /// A stored silence: the same rules, except that its times may lie in the past and its end may equal its start
    /// (a pending silence expired by hand). Its id must be well formed and equal <paramref name="keyId"/>, the id its key names.
    /// </summary>
    public static SilenceValidation ValidateStored(Silence? silence, string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (silence is null)
        {
            return new SilenceValidation(["body: a JSON object is required"], null, null);
        }

        var errors = new List<string>();
        if (!SilenceIds.IsValid(silence.Id))
        {
            errors.Add("id: not a silence id (a lowercase UUID)");
        }
        else if (!string.Equals(silence.Id, keyId, StringComparison.Ordinal))
        {
            errors.Add("id: differs from the id in the key");
        }

        if (silence.EndsAt < silence.StartsAt)
        {
            errors.Add("endsAt: must not be before startsAt");
        }

        var matchers = ValidateMatchers(silence.Matchers, errors);
        ValidateText("createdBy", silence.CreatedBy, SilenceLimits.MaxCreatedByLength, allowLineBreaks: false, errors);
        ValidateText("comment", silence.Comment, SilenceLimits.MaxCommentLength, allowLineBreaks: true, errors);
        if (errors.Count > 0)
        {
            return new SilenceValidation(errors, null, null);
        }

        var utc = silence with
        {
            StartsAt = silence.StartsAt.ToUniversalTime(),
            EndsAt = silence.EndsAt.ToUniversalTime(),
            UpdatedAt = silence.UpdatedAt.ToUniversalTime(),
        };
        return new SilenceValidation([], utc, new SilenceRule(utc.Id, matchers, utc.StartsAt, utc.EndsAt));
    }

    private static DateTimeOffset? ParseTime(string field, string text, List<string> errors)
    {
        if (text.Length <= 64 && GoTimeJsonConverter.TryParse(text, out var value) && LooksLikeRfc3339(text))
        {
            return value.ToUniversalTime();
        }

        errors.Add($"{field}: not an RFC 3339 time (e.g. 2026-01-02T15:04:05Z)");
        return null;
    }

    // DateTimeOffset.TryParse accepts far more than RFC 3339 ("tomorrow" is not, but "1/2/2026" is): insist on its shape.
    private static bool LooksLikeRfc3339(string text) =>
        text.Length >= 20 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-' && text[10] is 'T' or 't' &&
        (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-');

    private static List<AlertMatcher> ValidateMatchers(IReadOnlyList<SilenceMatcher?>? matchers, List<string> errors)
    {
        var compiled = new List<AlertMatcher>();
        if (matchers is null || matchers.Count == 0)
        {
            errors.Add("matchers: at least one required");
            return compiled;
        }

        if (matchers.Count > SilenceLimits.MaxMatchers)
        {
            errors.Add($"matchers: at most {SilenceLimits.MaxMatchers} allowed, {matchers.Count} given");
            return compiled;
        }

        for (var i = 0; i < matchers.Count; i++)
        {
            var field = $"matchers[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (matchers[i] is not { } matcher)
            {
                errors.Add($"{field}: must be an object");
                continue;
            }

            var ok = true;
            if (string.IsNullOrEmpty(matcher.Name))
            {
                errors.Add($"{field}.name: required");
                ok = false;
            }
            else if (!MatcherLabel.IsKnown(matcher.Name))
            {
                errors.Add($"{field}.name: unknown label '{Quote(matcher.Name)}' (known: {string.Join(", ", MatcherLabel.All)})");
                ok = false;
            }

            if (matcher.Value is null)
            {
                errors.Add($"{field}.value: required");
                continue;
            }

            if (matcher.Value.Length > SilenceLimits.MaxValueLength)
            {
                errors.Add($"{field}.value: longer than {SilenceLimits.MaxValueLength} characters");
                continue;
            }

            if (matcher.IsRegex && RegexProblem(matcher.Value) is { } problem)
            {
                errors.Add($"{field}.value: invalid regular expression: {problem}");
                continue;
            }

            if (ok)
            {
                compiled.Add(AlertMatcher.Create(field, matcher.Name!, matcher.Value, matcher.IsRegex, matcher.IsEqual));
            }
        }

        return compiled;
    }

    // Silences run on the linear-time engine only: a pattern that needs backtracking (lookaround, backreferences) is refused
    // rather than matched under a time limit, so no silence can slow the engine down.
    private static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex($"^(?:{pattern})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, ConfiguredPattern.LinearTimeout);
            return null;
        }
        catch (RegexParseException ex)
        {
            return Quote(ex.Error.ToString()) + " at offset " + ex.Offset.ToString(CultureInfo.InvariantCulture);
        }
        catch (NotSupportedException)
        {
            return "lookaround, backreferences and atomic groups are not supported (the linear-time engine runs silences)";
        }
        catch (ArgumentException ex)
        {
            return Quote(ex.Message);
        }
    }

    private static string? ValidateText(string field, string? text, int maxLength, bool allowLineBreaks, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{field}: required");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add($"{field}: longer than {maxLength} characters");
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                errors.Add($"{field}: must not contain control characters");
                return null;
            }
        }

        return text;
    }

    /// <summary>A short, printable excerpt of something sent, for an error message.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, QuotedLength) + 3);
        foreach (var c in text.Length > QuotedLength ? text[..QuotedLength] : text)
        {
            builder.Append(char.IsControl(c) || c == '\'' ? '?' : c);
        }

        return text.Length > QuotedLength ? builder.Append("...").ToString() : builder.ToString();
    }

    /// <summary>The field a <see cref="JsonException"/> points at, as errors name fields (<c>matchers[0].isRegex</c>).</summary>
    public static string FieldOf(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = exception.Path ?? "";
        path = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return path.Length == 0 ? "body" : Quote(path);
    }
}
