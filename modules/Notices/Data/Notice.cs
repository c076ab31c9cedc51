using HappyCommunity.PluginSdk;

namespace HappyCommunity.Modules.Notices.Data;

public sealed class Notice : CentreEntity
{
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public bool Pinned { get; set; }
}
