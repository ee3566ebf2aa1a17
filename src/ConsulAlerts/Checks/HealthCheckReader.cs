using System.Text.Json;

namespace ConsulAlerts.Checks;

/// <summary>
/// Reads the fields of one check object of a health snapshot for the <see cref="HealthSnapshotDecoder"/>: the ten the
/// engine keeps, comparing each text with the previous instance of the same check (and the previous check's node and
/// service) before decoding it, so unchanged texts are never allocated again; everything else is skipped. Service tags
/// are compared the same way, tag by tag, and the previous check's list is handed back when they are equal; a new list
/// is shared through the pool. Tags are bounded (<see cref="ServiceTagBounds"/>); a <c>ServiceTags</c> that is not an
/// array of strings (Consul never sends one) reads as no tags, and non-string members are skipped, rather than failing
/// the whole snapshot.
/// </summary>
internal static class HealthCheckReader
{
    // The tags of the check being read before they are known to equal a previous list; one per thread, since the
    // reader is static and a decoder is used by one caller at a time.
    [ThreadStatic]
    private static string[]? t_tags;

    /// <summary>Reads one check object; false when the data ends inside it.</summary>
    public static bool ReadCheck(ref Utf8JsonReader reader, CheckInfo? guess, CheckStringPool? pool, ref HealthCheckFields fields)
    {
        // Checks of one node follow each other, so the last node and service strings are good candidates too.
        var lastNode = fields.Node;
        var lastServiceId = fields.ServiceId;
        var lastServiceName = fields.ServiceName;
        var lastServiceTags = fields.ServiceTags;
        fields = new HealthCheckFields();
        while (true)
        {
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            var field = Identify(ref reader);
            if (!reader.Read())
            {
                return false;
            }

            if (field == Field.Unknown)
            {
                if (!reader.TrySkip())
                {
                    return false;
                }

                continue;
            }

            switch (field)
            {
                case Field.Node:
                    fields.Node = ReadString(ref reader, guess?.Node, lastNode, null, "Node");
                    break;
                case Field.CheckId:
                    fields.CheckId = ReadString(ref reader, guess?.CheckId, null, pool, "CheckID");
                    break;
                case Field.Name:
                    fields.Name = ReadString(ref reader, guess?.Name, null, pool, "Name");
                    break;
                case Field.Status:
                    fields.Status = ReadStatus(ref reader, guess?.Status, pool);
                    break;
                case Field.Notes:
                    fields.Notes = ReadString(ref reader, guess?.Notes, null, pool, "Notes");
                    break;
                case Field.Output:
                    fields.Output = ReadString(ref reader, guess?.Output, null, pool, "Output");
                    break;
                case Field.ServiceId:
                    fields.ServiceId = ReadString(ref reader, guess?.ServiceId, lastServiceId, pool, "ServiceID");
                    break;
                case Field.ServiceName:
                    fields.ServiceName = ReadString(ref reader, guess?.ServiceName, lastServiceName, pool, "ServiceName");
                    break;
                case Field.ServiceTags:
                    if (ReadTags(ref reader, guess?.ServiceTags, lastServiceTags, pool) is not { } tags)
                    {
                        return false;
                    }

                    fields.ServiceTags = tags;
                    break;
                case Field.ModifyIndex:
                    fields.ModifyIndex = reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var index)
                        ? index
                        : throw new JsonException($"Expected an unsigned number for ModifyIndex, got {reader.TokenType}.");
                    break;
            }
        }
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        // Consul sends these names exactly; a length switch keeps the common unknown fields to one comparison.
        switch (reader.ValueIsEscaped ? -1 : reader.ValueSpan.Length)
        {
            case 4:
                return reader.ValueTextEquals("Node"u8) ? Field.Node : reader.ValueTextEquals("Name"u8) ? Field.Name : Field.Unknown;
            case 5:
                return reader.ValueTextEquals("Notes"u8) ? Field.Notes : Field.Unknown;
            case 6:
                return reader.ValueTextEquals("Status"u8) ? Field.Status : reader.ValueTextEquals("Output"u8) ? Field.Output : Field.Unknown;
            case 7:
                return reader.ValueTextEquals("CheckID"u8) ? Field.CheckId : Field.Unknown;
            case 9:
                return reader.ValueTextEquals("ServiceID"u8) ? Field.ServiceId : Field.Unknown;
            case 11:
                return reader.ValueTextEquals("ServiceName"u8) ? Field.ServiceName
                    : reader.ValueTextEquals("ServiceTags"u8) ? Field.ServiceTags
                    : reader.ValueTextEquals("ModifyIndex"u8) ? Field.ModifyIndex : Field.Unknown;
            case -1:
                return IdentifyEscaped(ref reader);
            default:
                return Field.Unknown;
        }
    }

    private static Field IdentifyEscaped(ref Utf8JsonReader reader) => reader.GetString() switch
    {
        "Node" => Field.Node,
        "CheckID" => Field.CheckId,
        "Name" => Field.Name,
        "Status" => Field.Status,
        "Notes" => Field.Notes,
        "Output" => Field.Output,
        "ServiceID" => Field.ServiceId,
        "ServiceName" => Field.ServiceName,
        "ServiceTags" => Field.ServiceTags,
        "ModifyIndex" => Field.ModifyIndex,
        _ => Field.Unknown,
    };

    private static string ReadString(ref Utf8JsonReader reader, string? candidate, string? other, CheckStringPool? pool, string name)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return "";
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {name}, got {reader.TokenType}.");
        }

        if (!reader.ValueIsEscaped && reader.ValueSpan.IsEmpty)
        {
            return "";
        }

        if (candidate is not null && reader.ValueTextEquals(candidate))
        {
            return candidate;
        }

        if (other is not null && !ReferenceEquals(other, candidate) && reader.ValueTextEquals(other))
        {
            return other;
        }

        return pool is null ? reader.GetString()! : pool.Get(ref reader);
    }

    /// <summary>
    /// Reads a <c>ServiceTags</c> value (the reader on its first token); null when the data ends inside it. Returns
    /// <paramref name="candidate"/> (the same check's previous tags) or <paramref name="other"/> (the previous check's)
    /// when the bounded tags equal them, so an unchanged check keeps its list and allocates nothing.
    /// </summary>
    private static IReadOnlyList<string>? ReadTags(ref Utf8JsonReader reader, IReadOnlyList<string>? candidate, IReadOnlyList<string>? other, CheckStringPool? pool)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return reader.TrySkip() ? [] : null;
        }

        var tags = t_tags ??= new string[ServiceTagBounds.MaxTags];
        var sameAsCandidate = candidate is not null;
        var sameAsOther = other is not null && !ReferenceEquals(other, candidate);
        var count = 0;
        while (true)
        {
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                if (!reader.TrySkip())
                {
                    return null;
                }

                continue;
            }

            if (count == ServiceTagBounds.MaxTags)
            {
                continue;
            }

            string tag;
            try
            {
                if (reader.HasValueSequence || reader.ValueSpan.Length > ServiceTagBounds.MaxLength)
                {
                    // May be cut: compare the bounded text, which is what the previous list holds.
                    tag = ServiceTagBounds.Cut(reader.GetString()!);
                    sameAsCandidate = sameAsCandidate && count < candidate!.Count && candidate[count] == tag;
                    sameAsOther = sameAsOther && count < other!.Count && other[count] == tag;
                }
                else
                {
                    sameAsCandidate = sameAsCandidate && count < candidate!.Count && reader.ValueTextEquals(candidate[count]);
                    sameAsOther = sameAsOther && count < other!.Count && reader.ValueTextEquals(other[count]);
                    tag = sameAsCandidate ? candidate![count]
                        : sameAsOther ? other![count]
                        : pool is null ? reader.GetString()! : pool.Get(ref reader);
                }
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate ("\ud800") is valid JSON but no text: that tag is left out, not the snapshot.
                continue;
            }

            tags[count++] = tag;
        }

        var read = tags.AsSpan(0, count);
        var result = sameAsCandidate && count == candidate!.Count ? candidate
            : sameAsOther && count == other!.Count ? other
            : count == 0 ? []
            : pool is null ? read.ToArray() : pool.GetTags(read);
        read.Clear();
        return result;
    }

    private static string ReadStatus(ref Utf8JsonReader reader, string? candidate, CheckStringPool? pool)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("passing"u8))
            {
                return CheckStatus.Passing;
            }

            if (reader.ValueTextEquals("critical"u8))
            {
                return CheckStatus.Critical;
            }

            if (reader.ValueTextEquals("warning"u8))
            {
                return CheckStatus.Warning;
            }
        }

        return ReadString(ref reader, candidate, null, pool, "Status");
    }

    private enum Field
    {
        Unknown,
        Node,
        CheckId,
        Name,
        Status,
        Notes,
        Output,
        ServiceId,
        ServiceName,
        ServiceTags,
        ModifyIndex,
    }
}
