namespace HappyCommunity.Host.Seeding;

/// <summary>The demo district: Qingpu's 11 towns and sub-districts and 45 community centres.</summary>
public static class QingpuDistrict
{
    public sealed record TownSeed(string Slug, string NameZh, string NameEn, IReadOnlyList<CentreSeed> Centres);

    public sealed record CentreSeed(string Slug, string NameZh, string NameEn);

    public static IReadOnlyList<TownSeed> Towns { get; } =
    [
        new("xiayang", "夏阳街道", "Xiayang Sub-district",
            [new("xintangpu", "新塘浦社区中心", "Xintangpu"), new("qinghu", "青湖社区中心", "Qinghu"), new("chengbei", "城北社区中心", "Chengbei"), new("tawan", "塔湾社区中心", "Tawan")]),
        new("yingpu", "盈浦街道", "Yingpu Sub-district",
            [new("yingzhong", "盈中社区中心", "Yingzhong"), new("fuxing", "复兴社区中心", "Fuxing"), new("nanmen", "南门社区中心", "Nanmen"), new("sanyuanhe", "三元河社区中心", "Sanyuanhe")]),
        new("xianghuaqiao", "香花桥街道", "Xianghuaqiao Sub-district",
            [new("xianghua", "香花社区中心", "Xianghua"), new("tianyi", "天一社区中心", "Tianyi"), new("jinmi", "金米村社区中心", "Jinmi"), new("dongfang", "东方社区中心", "Dongfang")]),
        new("zhujiajiao", "朱家角镇", "Zhujiajiao Town",
            [new("dianshanhu", "淀山湖社区中心", "Dianshanhu"), new("shenxiang", "沈巷社区中心", "Shenxiang"), new("zhangma", "张马村社区中心", "Zhangma"), new("anzhuang", "安庄村社区中心", "Anzhuang")]),
        new("liantang", "练塘镇", "Liantang Town",
            [new("liandong", "练东社区中心", "Liandong"), new("dongdian", "东淀村社区中心", "Dongdian"), new("changhe", "长河村社区中心", "Changhe"), new("zhengxia", "蒸夏社区中心", "Zhengxia")]),
        new("jinze", "金泽镇", "Jinze Town",
            [new("jinzecun", "金泽社区中心", "Jinze"), new("lianhu", "莲湖村社区中心", "Lianhu"), new("shangta", "商榻社区中心", "Shangta"), new("xicen", "西岑社区中心", "Xicen")]),
        new("zhaoxiang", "赵巷镇", "Zhaoxiang Town",
            [new("zhaoxiangcun", "赵巷社区中心", "Zhaoxiang"), new("songze", "崧泽社区中心", "Songze"), new("fangxia", "方夏社区中心", "Fangxia"), new("zhongbu", "中步村社区中心", "Zhongbu")]),
        new("xujing", "徐泾镇", "Xujing Town",
            [new("xujingcun", "徐泾社区中心", "Xujing"), new("panlong", "蟠龙社区中心", "Panlong"), new("mingzhu", "明珠社区中心", "Mingzhu"), new("qianming", "前明村社区中心", "Qianming"), new("guanglian", "光联村社区中心", "Guanglian")]),
        new("huaxin", "华新镇", "Huaxin Town",
            [new("huaxincun", "华新社区中心", "Huaxin"), new("fengxi", "凤溪社区中心", "Fengxi"), new("xinyi", "新谊村社区中心", "Xinyi"), new("songshan", "嵩山村社区中心", "Songshan")]),
        new("chonggu", "重固镇", "Chonggu Town",
            [new("chongguzhen", "重固社区中心", "Chonggu"), new("fuquanshan", "福泉山社区中心", "Fuquanshan"), new("zhangyan", "章堰村社区中心", "Zhangyan"), new("xinlian", "新联村社区中心", "Xinlian")]),
        new("baihe", "白鹤镇", "Baihe Town",
            [new("baihecun", "白鹤社区中心", "Baihe"), new("zhaotun", "赵屯社区中心", "Zhaotun"), new("tangwan", "塘湾村社区中心", "Tangwan"), new("qinglong", "青龙村社区中心", "Qinglong")]),
    ];
}
