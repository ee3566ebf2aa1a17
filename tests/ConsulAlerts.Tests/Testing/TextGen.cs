using System.Text;
using CsCheck;

namespace ConsulAlerts.Tests.Testing;

/// <summary>Generators of text for property tests: valid UTF-16, biased toward ASCII and the characters parsers treat specially.</summary>
internal static class TextGen
{
    /// <summary>One Unicode scalar value (never a lone surrogate) as a string of one or two chars.</summary>
    public static readonly Gen<string> Scalar = Gen.Frequency(
        (6, Gen.Int[0x20, 0x7E]),
        (1, Gen.Int[0, 0x1F]),
        (2, Gen.Int[0x80, 0xD7FF]),
        (1, Gen.Int[0xE000, 0xFFFF]),
        (1, Gen.Int[0x10000, 0x10FFFF]))
        .Select(char.ConvertFromUtf32);

    /// <summary>Valid UTF-16 text of up to <paramref name="maxScalars"/> scalar values.</summary>
    public static Gen<string> Text(int maxScalars) => Scalar.Array[0, maxScalars].Select(string.Concat);

    /// <summary>Text over <paramref name="alphabet"/> (each element one piece: a character, a word or a snippet).</summary>
    public static Gen<string> Of(string[] alphabet, int maxPieces) => Gen.OneOf(alphabet).Array[0, maxPieces].Select(string.Concat);

    /// <summary>A piece that no valid text holds: a lone high or low surrogate.</summary>
    public static readonly Gen<string> LoneSurrogate = Gen.Frequency((1, Gen.Char['\uD800', '\uDBFF']), (1, Gen.Char['\uDC00', '\uDFFF'])).Select(c => c.ToString());

    /// <summary>The UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
