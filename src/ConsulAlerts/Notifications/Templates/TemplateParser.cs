using System.Globalization;
using System.Text;

namespace ConsulAlerts.Notifications.Templates;

/// <summary>Builds the node tree from tokens, following the structure of Go's text/template/parse.</summary>
internal sealed class TemplateParser
{
    private readonly string _name;
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<string> _vars = ["$"];
    private int _i;

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
                var pipe = Pipeline("parenthesized pipeline", TokenKind.RightParen);
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
            if (s.Length == 0 || char.ConvertToUtf32(s, 0) is var cp && char.ConvertFromUtf32(cp).Length != s.Length)
            {
                throw Error(t, $"malformed character constant: {t.Value}");
            }

            return char.ConvertToUtf32(s, 0);
        }

        var text = t.Value.Replace("_", "", StringComparison.Ordinal);
        var negative = text.StartsWith('-');
        var digits = text.TrimStart('+', '-');
        long value;
        if (digits.Length > 2 && digits[0] == '0' && digits[1] is 'x' or 'X' && !digits.Contains('p', StringComparison.OrdinalIgnoreCase))
        {
            if (!long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
            {
                throw Error(t, $"bad number syntax: {GoFormat.Quote(t.Value)}");
            }
        }
        else if (digits.Length > 2 && digits[0] == '0' && digits[1] is 'b' or 'B' or 'o' or 'O')
        {
            try
            {
                value = Convert.ToInt64(digits[2..], digits[1] is 'b' or 'B' ? 2 : 8);
            }
            catch (FormatException)
            {
                throw Error(t, $"bad number syntax: {GoFormat.Quote(t.Value)}");
            }
        }
        else if (digits.Length > 1 && digits[0] == '0' && digits.All(char.IsAsciiDigit))
        {
            value = Convert.ToInt64(digits, 8);
        }
        else if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (double.TryParse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
            {
                return negative ? -d : d;
            }

            throw Error(t, $"bad number syntax: {GoFormat.Quote(t.Value)}");
        }

        value = negative ? -value : value;
        return value is >= int.MinValue and <= int.MaxValue ? (object)(int)value : value;
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
                    sb.Append(char.ConvertFromUtf32(HexDigits(t, s, ref i, 4)));
                    break;
                case 'U':
                    sb.Append(char.ConvertFromUtf32(HexDigits(t, s, ref i, 8)));
                    break;
                case >= '0' and <= '7':
                    if (i + 2 >= s.Length)
                    {
                        throw Error(t, "invalid syntax");
                    }

                    sb.Append((char)Convert.ToInt32(s.Substring(i, 3), 8));
                    i += 2;
                    break;
                default:
                    throw Error(t, "invalid syntax");
            }
        }

        return sb.ToString();
    }

    private int HexDigits(Token t, string s, ref int i, int count)
    {
        if (s.Length - i - 1 < count ||
            !int.TryParse(s.AsSpan(i + 1, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(t, "invalid syntax");
        }

        i += count;
        return value;
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
