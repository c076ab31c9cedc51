using System.Globalization;

namespace HappyCommunity.Host.Components;

/// <summary>The language the current request is shown in (set by request localization: zh-CN unless the user chose English).</summary>
public static class UiCulture
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
