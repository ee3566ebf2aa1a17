using System.Globalization;
using System.Text;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>Builds the node tree from tokens, following the structure of Go's text/template/parse.</summary>
internal sealed class TemplateParser
{
    /// <summary>
    /// How deep control structures and parentheses may nest. Parsing and execution recurse once per level, and a stack
    /// overflow ends the process; real templates nest a handful of levels (Go itself stops parentheses at 10,000).
    /// </summary>
    public const int MaxDepth = 100;

    private readonly string _name;
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<string> _vars = ["$"];
    private int _i;
    private int _depth;

    private TemplateParser(string name, string text)
    {
        _name = name;
        _text = text;
        _tokens = TemplateLexer.Lex(name, text);
    }

    public static ListNode Parse(string name, string text) => new TemplateParser(name, text).ParseRoot();

    private ListNode ParseRoot()
    {
        var (list, _, _) = ItemList(topLevel: true);
        return list;
    }

    // Reads nodes up to {{end}} or {{else}} (returned as the stop keyword) or EOF at top level.
    private (ListNode List, string? Stop, Token StopToken) ItemList(bool topLevel)
    {
        var nodes = new List<TemplateNode>();
        var startPos = Peek().Pos;
        while (true)
        {
            var t = Next();
            switch (t.Kind)
            {
                case TokenKind.Text:
                    nodes.Add(new TextNode(t.Pos, t.Value));
                    break;
                case TokenKind.Eof:
                    if (!topLevel)
                    {
                        throw Error(t, "unexpected EOF");
                    }

                    return (new ListNode(startPos, nodes), null, t);
                default:
                    var keyword = PeekNonSpace();
                    if (keyword is { Kind: TokenKind.Keyword, Value: "end" or "else" })
                    {
                        NextNonSpace();
                        if (topLevel)
                        {
                            throw Error(keyword, $"unexpected {{{{{keyword.Value}}}}}");
                        }

                        if (keyword.Value == "end")
                        {
                            ExpectRightDelim("end");
                        }

                        return (new ListNode(startPos, nodes), keyword.Value, keyword);
                    }

                    nodes.Add(Action(t));
                    break;
            }
        }
    }

    private TemplateNode Action(Token delim)
    {
        var t = PeekNonSpace();
        if (t.Kind == TokenKind.Keyword)
        {
            NextNonSpace();
            return t.Value switch
            {
                "if" => Control(BranchKind.If, t),
                "with" => Control(BranchKind.With, t),
                "range" => Control(BranchKind.Range, t),
                _ => throw Error(t, $"{{{{{t.Value}}}}} is not supported"),
            };
        }

        return new ActionNode(delim.Pos, Pipeline("command", TokenKind.RightDelim));
    }

    private BranchNode Control(BranchKind kind, Token keyword)
    {
        Enter(keyword);
        var mark = _vars.Count;
        var context = kind.ToString().ToLowerInvariant();
        var pipe = Pipeline(context, TokenKind.RightDelim);
        if (kind != BranchKind.Range && pipe.Declarations.Count > 1)
        {
            throw Error(keyword, $"too many declarations in {context}");
        }

        var (list, stop, _) = ItemList(topLevel: false);
        ListNode? elseList = null;
        if (stop == "else")
        {
            var next = PeekNonSpace();
            if (next.Kind == TokenKind.Keyword && next.Value == context && kind != BranchKind.Range)
            {
                // {{else if ...}} is {{else}}{{if ...}}...{{end}}{{end}} sharing the last {{end}}.
                NextNonSpace();
                var nested = Control(kind, next);
                elseList = new ListNode(next.Pos, [nested]);
            }
            else
            {
                ExpectRightDelim("else");
                var (body, stop2, stopToken) = ItemList(topLevel: false);
                if (stop2 == "else")
                {
                    throw Error(stopToken, "expected end; found {{else}}");
                }

                elseList = body;
            }
        }

        _vars.RemoveRange(mark, _vars.Count - mark);
        _depth--;
        return new BranchNode(keyword.Pos, kind, pipe, list, elseList);
    }

    private PipelineNode Pipeline(string context, TokenKind end)
    {
        var start = PeekNonSpace();
        var declarations = new List<string>();
        var isAssign = false;
        var save = _i;
        var v = NextNonSpace();
        if (v.Kind == TokenKind.Variable)
        {
            var after = PeekNonSpace();
            if (after.Kind is TokenKind.Declare or TokenKind.Assign)
            {
                NextNonSpace();
                declarations.Add(v.Value);
                isAssign = after.Kind == TokenKind.Assign;
            }
            else if (after.Kind == TokenKind.Comma && context == "range")
            {
                NextNonSpace();
                var v2 = NextNonSpace();
                if (v2.Kind != TokenKind.Variable)
                {
                    throw Error(v2, "range can only initialize variables");
                }

                var op = NextNonSpace();
                if (op.Kind is not (TokenKind.Declare or TokenKind.Assign))
                {
                    throw Error(op, $"unexpected {op.Describe()} in range");
                }

                declarations.Add(v.Value);
                declarations.Add(v2.Value);
                isAssign = op.Kind == TokenKind.Assign;
            }
            else
            {
                _i = save;
            }
        }
        else
        {
            _i = save;
        }

        if (isAssign)
        {
            foreach (var name in declarations)
            {
                CheckVariable(v, name);
            }
        }

        var commands = new List<CommandNode>();
        while (true)
        {
            var t = PeekNonSpace();
            if (t.Kind == end)
            {
                NextNonSpace();
                break;
            }

            commands.Add(Command());
        }

        if (commands.Count == 0)
        {
            throw Error(start, $"missing value for {context}");
        }

        for (var i = 1; i < commands.Count; i++)
        {
            if (commands[i].Args[0] is LiteralNode or DotNode or NilNode)
            {
                throw Error(commands[i].Args[0].Pos, $"non executable command in pipeline stage {i + 1}");
            }
        }

        if (!isAssign)
        {
            _vars.AddRange(declarations);
        }

        return new PipelineNode(start.Pos, declarations, isAssign, commands);
    }

    private CommandNode Command()
    {
        var args = new List<ArgNode>();
        var pos = PeekNonSpace().Pos;
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                args.Add(operand);
            }

            var t = Next();
            if (t.Kind == TokenKind.Space)
            {
                continue;
            }

            if (t.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                _i--;
            }
            else if (t.Kind != TokenKind.Pipe)
            {
                throw Error(t, $"unexpected {t.Describe()} in operand");
            }

            break;
        }

        if (args.Count == 0)
        {
            throw Error(pos, "missing command");
        }

        return new CommandNode(pos, args);
    }

    private ArgNode? Operand()
    {
        var term = Term();
        if (term is null || Peek().Kind != TokenKind.Field)
        {
            return term;
        }

        var path = new List<string>();
        var end = 0;
        while (Peek().Kind == TokenKind.Field)
        {
            var f = Next();
            path.Add(f.Value[1..]);
            end = f.Pos + f.Value.Length;
        }

        var source = _text[term.Pos..end];
        return term switch
        {
            FieldNode f => new FieldNode(f.Pos, source, [.. f.Path, .. path]),
            VariableNode v => new VariableNode(v.Pos, source, v.Name, [.. v.Path, .. path]),
            LiteralNode or DotNode or NilNode => throw Error(term.Pos, "unexpected . after term"),
            _ => new ChainNode(term.Pos, source, term, path),
        };
    }

    private ArgNode? Term()
    {
        var save = _i;
        var t = NextNonSpace();
        switch (t.Kind)
        {
            case TokenKind.Identifier:
                if (!GoFunctions.IsDefined(t.Value))
                {
                    throw Error(t, $"function {GoFormat.Quote(t.Value)} not defined");
                }

                return new IdentifierNode(t.Pos, t.Value, t.Value);
            case TokenKind.Dot:
                return new DotNode(t.Pos, t.Value);
            case TokenKind.Nil:
                return new NilNode(t.Pos, t.Value);
            case TokenKind.Variable:
                CheckVariable(t, t.Value);
                return new VariableNode(t.Pos, t.Value, t.Value, []);
            case TokenKind.Field:
                return new FieldNode(t.Pos, t.Value, [t.Value[1..]]);
            case TokenKind.Bool:
                return new LiteralNode(t.Pos, t.Value, t.Value == "true");
            case TokenKind.Number:
            case TokenKind.CharConstant:
                return new LiteralNode(t.Pos, t.Value, ParseNumber(t));
            case TokenKind.String:
                return new LiteralNode(t.Pos, t.Value, Unquote(t, t.Value[1..^1]));
            case TokenKind.RawString:
                return new LiteralNode(t.Pos, t.Value, t.Value[1..^1].Replace("\r", "", StringComparison.Ordinal));
            case TokenKind.LeftParen:
                Enter(t);
                var pipe = Pipeline("parenthesized pipeline", TokenKind.RightParen);
                _depth--;
                var close = _tokens[_i - 1];
                return new PipeNode(t.Pos, _text[t.Pos..(close.Pos + 1)], pipe);
            default:
                _i = save;
                return null;
        }
    }

    private object ParseNumber(Token t)
    {
        if (t.Kind == TokenKind.CharConstant)
        {
            var s = Unquote(t, t.Value[1..^1]);
            if (s.Length == 0 || !Rune.TryGetRuneAt(s, 0, out var rune) || rune.Utf16SequenceLength != s.Length)
            {
                throw Error(t, $"malformed character constant: {t.Value}");
            }

            return rune.Value;
        }

        var text = t.Value.Replace("_", "", StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        var (radix, body) = digits.Length > 1 && digits[0] == '0'
            ? digits[1] switch
            {
                'x' or 'X' => (16, digits[2..]),
                'b' or 'B' => (2, digits[2..]),
                'o' or 'O' => (8, digits[2..]),
                _ => (8, digits[1..]),
            }
            : (10, digits);

        if (TryParseMagnitude(body, radix, out var magnitude))
        {
            // Go's ints are int64 here: 2^63 only with a minus sign.
            if (magnitude > (negative ? (UInt128)long.MaxValue + 1 : long.MaxValue))
            {
                throw Error(t, $"{t.Value} overflows int");
            }

            var value = negative ? unchecked(-(long)(ulong)magnitude) : (long)magnitude;
            return value is >= int.MinValue and <= int.MaxValue ? (object)(int)value : value;
        }

        // Like Go, what is no integer may be a float; "09" is one (9), and an integral float without '.', 'e' or 'p' is an int.
        if (radix is 10 or 8 && double.TryParse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d))
        {
            d = negative ? -d : d;
            if (!digits.AsSpan().ContainsAny(".eE") && d is >= long.MinValue and < long.MaxValue && Math.Floor(d) == d)
            {
                var whole = (long)d;
                return whole is >= int.MinValue and <= int.MaxValue ? (object)(int)whole : whole;
            }

            return d;
        }

        throw Error(t, $"bad number syntax: {GoFormat.Quote(t.Value)}");
    }

    // The digits of an integer in its radix, as an unsigned magnitude; false for anything else (or past 2^64).
    private static bool TryParseMagnitude(string digits, int radix, out UInt128 magnitude)
    {
        magnitude = 0;
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * (uint)radix) + (uint)digit;
            if (magnitude > ulong.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    private string Unquote(Token t, string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\')
            {
                sb.Append(s[i]);
                continue;
            }

            if (++i >= s.Length)
            {
                throw Error(t, "invalid syntax");
            }

            switch (s[i])
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'x':
                    sb.Append((char)HexDigits(t, s, ref i, 2));
                    break;
                case 'u':
                    sb.Append(CodePoint(t, HexDigits(t, s, ref i, 4)));
                    break;
                case 'U':
                    sb.Append(CodePoint(t, HexDigits(t, s, ref i, 8)));
                    break;
                case >= '0' and <= '7':
                    // Exactly three octal digits, at most \377, as in Go.
                    if (i + 2 >= s.Length || s[i + 1] is < '0' or > '7' || s[i + 2] is < '0' or > '7' || s[i] > '3')
                    {
                        throw Error(t, "invalid syntax");
                    }

                    sb.Append((char)(((s[i] - '0') * 64) + ((s[i + 1] - '0') * 8) + (s[i + 2] - '0')));
                    i += 2;
                    break;
                default:
                    throw Error(t, "invalid syntax");
            }
        }

        return sb.ToString();
    }

    private long HexDigits(Token t, string s, ref int i, int count)
    {
        if (s.Length - i - 1 < count ||
            !long.TryParse(s.AsSpan(i + 1, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(t, "invalid syntax");
        }

        i += count;
        return value;
    }

    // A \u or \U escape must name a Unicode scalar value: not a surrogate, not past U+10FFFF.
    private string CodePoint(Token t, long value) =>
        Rune.IsValid(value is >= 0 and <= int.MaxValue ? (int)value : -1) ? char.ConvertFromUtf32((int)value) : throw Error(t, "invalid syntax");

    private void Enter(Token t)
    {
        if (++_depth > MaxDepth)
        {
            throw Error(t, $"max nesting depth ({MaxDepth}) exceeded");
        }
    }

    private void CheckVariable(Token t, string name)
    {
        if (!_vars.Contains(name))
        {
            throw Error(t, $"undefined variable {GoFormat.Quote(name)}");
        }
    }

    private void ExpectRightDelim(string context)
    {
        var t = NextNonSpace();
        if (t.Kind != TokenKind.RightDelim)
        {
            throw Error(t, $"unexpected {t.Describe()} in {context}");
        }
    }

    private Token Peek() => _tokens[_i];

    private Token Next() => _tokens[_i++];

    private Token NextNonSpace()
    {
        var t = Next();
        while (t.Kind == TokenKind.Space)
        {
            t = Next();
        }

        return t;
    }

    private Token PeekNonSpace()
    {
        var t = NextNonSpace();
        _i--;
        return t;
    }

    private GoTemplateException Error(Token t, string message) => Error(t.Pos, message);

    private GoTemplateException Error(int pos, string message) => new(_name, _text, pos, message);
}
