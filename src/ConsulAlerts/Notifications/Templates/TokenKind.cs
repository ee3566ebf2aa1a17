namespace ConsulAlerts.Notifications.Templates;

internal enum TokenKind
{
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Identifier,
    Keyword,
    Field,
    Variable,
    Dot,
    String,
    RawString,
    CharConstant,
    Number,
    Bool,
    Nil,
    Pipe,
    LeftParen,
    RightParen,
    Declare,
    Assign,
    Comma,
    Char,
    Eof,
}
