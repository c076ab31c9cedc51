using System.Globalization;
using System.Text.Json.Serialization;

namespace HappyCommunity.PluginSdk;

/// <summary>A text in Chinese (the default) and English.</summary>
/// <param name="Zh">The simplified Chinese text, shown by default.</param>
/// <param name="En">The English text; the Chinese text is used when it is empty.</param>
public sealed record LocalizedText(
    [property: JsonPropertyName("zh-CN")] string Zh,
    [property: JsonPropertyName("en")] string? En = null)
{
    /// <summary>The text for the current UI culture: English for <c>en*</c>, otherwise Chinese.</summary>
    public string Current => For(CultureInfo.CurrentUICulture);

    /// <summary>The text for the given culture: English for <c>en*</c>, otherwise Chinese.</summary>
    /// <param name="culture">The culture to choose a text for.</param>
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(En) ? En! : Zh;

    /// <inheritdoc />
    public override string ToString() => Current;

    /// <summary>Picks the Chinese or English text for the current UI culture; handy in Razor pages.</summary>
    /// <param name="zh">The Chinese text.</param>
    /// <param name="en">The English text.</param>
    public static string Pick(string zh, string en) => new LocalizedText(zh, en).Current;
}
