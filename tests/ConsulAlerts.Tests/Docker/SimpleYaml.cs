namespace ConsulAlerts.Tests.Docker;

/// <summary>
/// Enough YAML for a compose file: block mappings by indentation, flow values kept as text, and block sequences
/// of scalars (key <c>parent[]</c>, items joined by newlines). Keys are dotted paths.
/// </summary>
internal static class SimpleYaml
{
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new List<(int Indent, string Key)>();
        foreach (string raw in File.ReadAllLines(path))
        {
            string trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            int indent = raw.Length - raw.TrimStart(' ').Length;
            while (stack.Count > 0 && stack[^1].Indent >= indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            string parent = string.Join('.', stack.Select(s => s.Key));
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                string item = Unquote(trimmed[2..].Trim());
                string key = parent + "[]";
                values[key] = values.TryGetValue(key, out var items) ? items + "\n" + item : item;
                continue;
            }

            int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"not a mapping entry: {raw}");
            }

            string name = trimmed[..colon].Trim();
            string value = trimmed[(colon + 1)..].Trim();
            string full = parent.Length == 0 ? name : parent + "." + name;
            if (value.Length == 0)
            {
                stack.Add((indent, name));
            }
            else
            {
                values[full] = Unquote(value);
            }
        }

        return values;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
}
