namespace ConsulAlerts.Notifications.Templates;

/// <summary>A lexical item; <see cref="Pos"/> is the offset in the template source.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Pos)
{
    /// <summary>Describes the token the way Go's parser does in its error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.Keyword => $"<{Value}>",
        _ when Value.Length > 10 => GoFormat.Quote(Value[..10]) + "...",
        _ => GoFormat.Quote(Value),
    };
}
