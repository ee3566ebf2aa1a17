using System.Text.Json;

namespace ConsulAlerts.Checks;

/// <summary>
/// Decodes a <c>/v1/health/state/any</c> body straight into <see cref="CheckInfo"/> values, reading only the nine
/// fields the engine keeps (<c>ModifyIndex</c> among them) and skipping the rest (<c>Definition</c>, tags). Strings and whole
/// <see cref="CheckInfo"/> instances of the previous snapshot are reused when their text is unchanged, so a steady
/// snapshot allocates little more than the list, and the tracker can detect unchanged checks by reference.
/// Not thread-safe: one decoder per watch, used by one caller at a time.
/// </summary>
internal sealed class HealthSnapshotDecoder
{
    private IReadOnlyList<CheckInfo> _previous = [];
    private Dictionary<CheckKey, int>? _previousIndex;

    /// <summary>Decodes one body; <c>null</c> reads as an empty snapshot.</summary>
    /// <exception cref="JsonException">The body is not a JSON array of check objects.</exception>
    public IReadOnlyList<CheckInfo> Decode(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read())
        {
            throw new JsonException("The health snapshot is empty.");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            Remember([]);
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of health checks, got {reader.TokenType}.");
        }

        var previous = _previous;
        var checks = new List<CheckInfo>(Math.Max(previous.Count, 16));
        var cursor = 0;
        var fields = default(CheckFields);
        while (true)
        {
            if (!reader.Read())
            {
                throw new JsonException("The health snapshot ends inside the array.");
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"Expected a health check object, got {reader.TokenType}.");
            }

            // Consul lists checks sorted by node and check ID, so the previous snapshot's check at the cursor is
            // almost always the same check: compare against it first and only look it up by key when it is not.
            var guess = cursor < previous.Count ? previous[cursor] : null;
            try
            {
                ReadCheck(ref reader, guess, ref fields);
            }
            catch (InvalidOperationException ex)
            {
                // "\ud800" alone is valid JSON syntax but no text: the reader refuses to read or compare it.
                throw new JsonException("A health check holds an escaped lone surrogate, which is not text.", ex);
            }

            CheckInfo? match = null;
            if (guess is not null && guess.Node == fields.Node && guess.CheckId == fields.CheckId)
            {
                match = guess;
                cursor++;
            }
            else if (previous.Count > 0 && FindPrevious(new CheckKey(fields.Node, fields.CheckId)) is var index and >= 0)
            {
                match = previous[index];
                cursor = index + 1;
            }

            checks.Add(match is not null && fields.SameAs(match) ? match : fields.ToInfo(match));
        }

        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the health snapshot.");
        }

        Remember(checks);
        return checks;
    }

    private void Remember(IReadOnlyList<CheckInfo> checks)
    {
        _previous = checks;
        _previousIndex = null;
    }

    private int FindPrevious(CheckKey key)
    {
        if (_previousIndex is null)
        {
            _previousIndex = new Dictionary<CheckKey, int>(_previous.Count);
            for (var i = 0; i < _previous.Count; i++)
            {
                _previousIndex[_previous[i].Key] = i;
            }
        }

        return _previousIndex.TryGetValue(key, out var index) ? index : -1;
    }

    private static void ReadCheck(ref Utf8JsonReader reader, CheckInfo? guess, ref CheckFields fields)
    {
        // Checks of one node follow each other, so the last node and service strings are good candidates too.
        var lastNode = fields.Node;
        var lastServiceId = fields.ServiceId;
        var lastServiceName = fields.ServiceName;
        fields = new CheckFields();
        while (true)
        {
            if (!reader.Read())
            {
                throw new JsonException("The health snapshot ends inside a check.");
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return;
            }

            var field = Identify(ref reader);
            if (!reader.Read())
            {
                throw new JsonException("The health snapshot ends inside a check.");
            }

            if (field == Field.Unknown)
            {
                reader.Skip();
                continue;
            }

            switch (field)
            {
                case Field.Node:
                    fields.Node = ReadString(ref reader, guess?.Node, lastNode, "Node");
                    break;
                case Field.CheckId:
                    fields.CheckId = ReadString(ref reader, guess?.CheckId, null, "CheckID");
                    break;
                case Field.Name:
                    fields.Name = ReadString(ref reader, guess?.Name, null, "Name");
                    break;
                case Field.Status:
                    fields.Status = ReadStatus(ref reader, guess?.Status);
                    break;
                case Field.Notes:
                    fields.Notes = ReadString(ref reader, guess?.Notes, null, "Notes");
                    break;
                case Field.Output:
                    fields.Output = ReadString(ref reader, guess?.Output, null, "Output");
                    break;
                case Field.ServiceId:
                    fields.ServiceId = ReadString(ref reader, guess?.ServiceId, lastServiceId, "ServiceID");
                    break;
                case Field.ServiceName:
                    fields.ServiceName = ReadString(ref reader, guess?.ServiceName, lastServiceName, "ServiceName");
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
                return reader.ValueTextEquals("ServiceName"u8) ? Field.ServiceName : reader.ValueTextEquals("ModifyIndex"u8) ? Field.ModifyIndex : Field.Unknown;
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
        "ModifyIndex" => Field.ModifyIndex,
        _ => Field.Unknown,
    };

    private static string ReadString(ref Utf8JsonReader reader, string? candidate, string? other, string name)
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

        return reader.GetString()!;
    }

    private static string ReadStatus(ref Utf8JsonReader reader, string? candidate)
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

        return ReadString(ref reader, candidate, null, "Status");
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
        ModifyIndex,
    }

    private struct CheckFields
    {
        public CheckFields()
        {
        }

        public string Node { get; set; } = "";

        public string CheckId { get; set; } = "";

        public string Name { get; set; } = "";

        public string Status { get; set; } = "";

        public string Notes { get; set; } = "";

        public string Output { get; set; } = "";

        public string ServiceId { get; set; } = "";

        public string ServiceName { get; set; } = "";

        public ulong ModifyIndex { get; set; }

        public readonly bool SameAs(CheckInfo info) =>
            Node == info.Node && CheckId == info.CheckId && Name == info.Name && Status == info.Status && Notes == info.Notes
            && Output == info.Output && ServiceId == info.ServiceId && ServiceName == info.ServiceName && ModifyIndex == info.ModifyIndex;

        public readonly CheckInfo ToInfo(CheckInfo? previous)
        {
            // Keep the previous instance's strings where they are equal, so unchanged text is never held twice.
            return new CheckInfo
            {
                Node = Reuse(Node, previous?.Node),
                CheckId = Reuse(CheckId, previous?.CheckId),
                Name = Reuse(Name, previous?.Name),
                Status = Status,
                Notes = Reuse(Notes, previous?.Notes),
                Output = Reuse(Output, previous?.Output),
                ServiceId = Reuse(ServiceId, previous?.ServiceId),
                ServiceName = Reuse(ServiceName, previous?.ServiceName),
                ModifyIndex = ModifyIndex,
            };
        }

        private static string Reuse(string value, string? previous) => previous is not null && previous == value ? previous : value;
    }
}
