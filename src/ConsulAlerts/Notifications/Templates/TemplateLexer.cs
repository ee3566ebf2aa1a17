namespace ConsulAlerts.Notifications.Templates;

/// <summary>Splits a template into tokens, applying <c>{{- -}}</c> trimming and dropping comments.</summary>
internal sealed class TemplateLexer
{
    private static readonly HashSet<string> Keywords =
        ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

    private readonly string _name;
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private TemplateLexer(string name, string text)
    {
        _name = name;
        _text = text;
    }

    public static List<Token> Lex(string name, string text)
    {
        var lexer = new TemplateLexer(name, text);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var trimLeading = false;
        while (true)
        {
            var open = _text.IndexOf("{{", _pos, StringComparison.Ordinal);
            var textEnd = open < 0 ? _text.Length : open;
            var start = _pos;
            if (trimLeading)
            {
                while (start < textEnd && IsSpace(_text[start]))
                {
                    start++;
                }
            }

            var leftTrim = open >= 0 && HasLeftTrimMarker(open + 2);
            var end = textEnd;
            if (leftTrim)
            {
                while (end > start && IsSpace(_text[end - 1]))
                {
                    end--;
                }
            }

            if (end > start)
            {
                _tokens.Add(new Token(TokenKind.Text, _text[start..end], start));
            }

            if (open < 0)
            {
                _tokens.Add(new Token(TokenKind.Eof, "", _text.Length));
                return;
            }

            _pos = open + 2 + (leftTrim ? 2 : 0);
            trimLeading = string.CompareOrdinal(_text, _pos, "/*", 0, 2) == 0
                ? LexComment(open)
                : LexAction(open);
        }
    }

    private bool LexComment(int open)
    {
        var close = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(open, "unclosed comment");
        }

        _pos = close + 2;
        if (HasRightTrimMarker(_pos))
        {
            _pos += 4;
            return true;
        }

        if (string.CompareOrdinal(_text, _pos, "}}", 0, 2) == 0)
        {
            _pos += 2;
            return false;
        }

        throw Error(open, "comment ends before closing delimiter");
    }

    private bool LexAction(int open)
    {
        _tokens.Add(new Token(TokenKind.LeftDelim, "{{", open));
        var parenDepth = 0;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(open, "unclosed action");
            }

            var rightTrim = HasRightTrimMarker(_pos);
            if (rightTrim || string.CompareOrdinal(_text, _pos, "}}", 0, 2) == 0)
            {
                if (parenDepth > 0)
                {
                    throw Error(_pos, "unclosed left paren");
                }

                var at = rightTrim ? _pos + 2 : _pos;
                _tokens.Add(new Token(TokenKind.RightDelim, "}}", at));
                _pos = at + 2;
                return rightTrim;
            }

            var start = _pos;
            var c = _text[_pos];
            if (IsSpace(c))
            {
                while (_pos < _text.Length && IsSpace(_text[_pos]) && !HasRightTrimMarker(_pos))
                {
                    _pos++;
                }

                if (_pos == start)
                {
                    // A lone space that starts " -}}" is the trim marker itself.
                    continue;
                }

                Emit(TokenKind.Space, start);
                continue;
            }

            switch (c)
            {
                case '|':
                    _pos++;
                    Emit(TokenKind.Pipe, start);
                    break;
                case ',':
                    _pos++;
                    Emit(TokenKind.Comma, start);
                    break;
                case '=':
                    _pos++;
                    Emit(TokenKind.Assign, start);
                    break;
                case ':':
                    if (_pos + 1 >= _text.Length || _text[_pos + 1] != '=')
                    {
                        throw Error(_pos, "expected :=");
                    }

                    _pos += 2;
                    Emit(TokenKind.Declare, start);
                    break;
                case '(':
                    _pos++;
                    parenDepth++;
                    Emit(TokenKind.LeftParen, start);
                    break;
                case ')':
                    _pos++;
                    if (--parenDepth < 0)
                    {
                        throw Error(start, "unexpected right paren");
                    }

                    Emit(TokenKind.RightParen, start);
                    break;
                case '"':
                    LexQuote(start);
                    break;
                case '`':
                    var close = _text.IndexOf('`', _pos + 1);
                    if (close < 0)
                    {
                        throw Error(start, "unterminated raw quoted string");
                    }

                    _pos = close + 1;
                    Emit(TokenKind.RawString, start);
                    break;
                case '\'':
                    LexCharConstant(start);
                    break;
                case '$':
                    _pos++;
                    SkipAlphaNumeric();
                    Emit(TokenKind.Variable, start);
                    break;
                case '.':
                    if (_pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]))
                    {
                        LexNumber(start);
                    }
                    else if (_pos + 1 < _text.Length && IsAlphaNumeric(_text[_pos + 1]))
                    {
                        _pos++;
                        SkipAlphaNumeric();
                        Emit(TokenKind.Field, start);
                    }
                    else
                    {
                        _pos++;
                        Emit(TokenKind.Dot, start);
                    }

                    break;
                default:
                    if (char.IsAsciiDigit(c) || ((c == '+' || c == '-') && _pos + 1 < _text.Length && (char.IsAsciiDigit(_text[_pos + 1]) || _text[_pos + 1] == '.')))
                    {
                        LexNumber(start);
                    }
                    else if (IsAlphaNumeric(c))
                    {
                        SkipAlphaNumeric();
                        var word = _text[start.._pos];
                        var kind = word switch
                        {
                            "true" or "false" => TokenKind.Bool,
                            "nil" => TokenKind.Nil,
                            _ when Keywords.Contains(word) => TokenKind.Keyword,
                            _ => TokenKind.Identifier,
                        };
                        Emit(kind, start);
                    }
                    else if (c < 0x7f && !char.IsControl(c))
                    {
                        _pos++;
                        Emit(TokenKind.Char, start);
                    }
                    else
                    {
                        throw Error(start, $"unrecognized character in action: U+{(int)c:X4}");
                    }

                    break;
            }
        }
    }

    private void LexQuote(int start)
    {
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(start, "unterminated quoted string");
            }

            var c = _text[_pos++];
            if (c == '\\' && _pos < _text.Length && _text[_pos] != '\n')
            {
                _pos++;
            }
            else if (c == '"')
            {
                Emit(TokenKind.String, start);
                return;
            }
        }
    }

    private void LexCharConstant(int start)
    {
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(start, "unterminated character constant");
            }

            var c = _text[_pos++];
            if (c == '\\' && _pos < _text.Length)
            {
                _pos++;
            }
            else if (c == '\'')
            {
                Emit(TokenKind.CharConstant, start);
                return;
            }
        }
    }

    private void LexNumber(int start)
    {
        _pos++;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            var exponentSign = (c == '+' || c == '-') && "eEpP".Contains(_text[_pos - 1], StringComparison.Ordinal);
            if (!IsAlphaNumeric(c) && c != '.' && !exponentSign)
            {
                break;
            }

            _pos++;
        }

        Emit(TokenKind.Number, start);
    }

    private void SkipAlphaNumeric()
    {
        while (_pos < _text.Length && IsAlphaNumeric(_text[_pos]))
        {
            _pos++;
        }
    }

    private void Emit(TokenKind kind, int start) => _tokens.Add(new Token(kind, _text[start.._pos], start));

    private bool HasLeftTrimMarker(int at) =>
        at + 1 < _text.Length && _text[at] == '-' && IsSpace(_text[at + 1]);

    // " -}}": the space is part of the marker so that "{{3 -}}" is not read as the number -3.
    private bool HasRightTrimMarker(int at) =>
        at + 3 < _text.Length && IsSpace(_text[at]) && _text[at + 1] == '-' && string.CompareOrdinal(_text, at + 2, "}}", 0, 2) == 0;

    private GoTemplateException Error(int pos, string message) => new(_name, _text, pos, message);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);
}
