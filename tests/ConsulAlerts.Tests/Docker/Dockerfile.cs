using System.Text;

namespace ConsulAlerts.Tests.Docker;

/// <summary>A Dockerfile read into instructions (comments dropped, continuation lines joined), each with its stage.</summary>
internal sealed record Dockerfile(IReadOnlyList<Dockerfile.Instruction> Instructions)
{
    public static Dockerfile Load(string path)
    {
        var instructions = new List<Instruction>();
        var pending = new StringBuilder();
        int stage = -1;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            string text = pending.ToString().Trim();
            pending.Clear();
            if (text.Length == 0)
            {
                continue;
            }

            int space = text.IndexOf(' ', StringComparison.Ordinal);
            string keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            string arguments = space < 0 ? "" : text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new Instruction(keyword, arguments, stage));
        }

        return new Dockerfile(instructions);
    }

    public int LastStage => Instructions.Max(i => i.Stage);

    public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public IEnumerable<Instruction> InFinalStage(string keyword) => All(keyword).Where(i => i.Stage == LastStage);

    internal sealed record Instruction(string Keyword, string Arguments, int Stage)
    {
        /// <summary>The arguments split on whitespace, options (<c>--x=y</c>) first as Docker writes them.</summary>
        public string[] Words => Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
