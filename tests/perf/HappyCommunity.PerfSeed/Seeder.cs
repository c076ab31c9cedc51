using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HappyCommunity.PerfSeed;

/// <summary>
/// Writes a realistic district into the stores: residents into <c>host.db</c>, three years of repair requests (with a
/// short timeline each) into <c>modules/repair.db</c>, volunteers into <c>modules/volunteers.db</c>, and extra centres
/// with every module on into <c>host.db</c>. Column names and encodings follow the stores' EF Core models: times are
/// <see cref="DateTimeOffsetToBinaryConverter"/> integers, enums integers, Guids upper-case text, bools 0/1.
/// </summary>
public sealed class Seeder(string dataPath, DateTimeOffset now, int seed)
{
    private static readonly Func<DateTimeOffset, long> ToStore = new DateTimeOffsetToBinaryConverter().ConvertToProviderTyped;
    private readonly Random _random = new(seed);

    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华玉兰志强秀珍海燕红梅凤英玉梅德明";

    private static readonly string[] Problems =
    [
        "厨房水管漏水", "卫生间下水道堵塞", "楼道灯不亮", "电梯按钮失灵", "门禁刷卡没反应", "窗户关不严漏风",
        "热水器不出热水", "屋顶渗水", "空调外机噪音大", "插座没电", "单元门闭门器坏了", "小区路灯坏了",
        "水龙头一直滴水", "马桶水箱漏水", "楼道扶手松动", "信箱门锁坏了",
    ];

    private string Db(string relative) => Path.Combine(dataPath, relative);

    private static SqliteConnection Open(string file)
    {
        if (!File.Exists(file))
            throw new FileNotFoundException($"{file} does not exist: start the host once (and switch the modules on) before seeding.");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        // Bulk load only: the data is thrown away after the run, so no fsync per batch.
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    private static void Checkpoint(SqliteConnection connection) => Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");

    private List<int> CentreIds()
    {
        using var host = Open(Db("host.db"));
        return Query(host, "SELECT Id FROM Centres ORDER BY Id", r => r.GetInt32(0));
    }

    private DateTimeOffset Within(int years) => now - TimeSpan.FromSeconds(_random.NextDouble() * years * 365 * 86400);

    private string Name() => $"{Surnames[_random.Next(Surnames.Length)]}{Given[_random.Next(Given.Length)]}{(_random.Next(2) == 0 ? Given[_random.Next(Given.Length)].ToString() : "")}";

    private string Phone() => "13" + _random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    public int Residents(int count, int years)
    {
        var centres = CentreIds();
        using var host = Open(Db("host.db"));
        using (var loader = new Loader(host))
        {
            var insert = loader.Insert("Residents",
                   "Id", "CentreId", "Name", "Phone", "Building", "Unit", "Room", "Grid", "Tags", "UserId", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "CreatedVia");
            for (var i = 0; i < count; i++)
            {
                var tags = new List<string>();
                if (_random.Next(100) < 22) tags.Add("elderly");
                if (_random.Next(100) < 6) tags.Add("lives-alone");
                if (_random.Next(100) < 3) tags.Add("disabled");
                if (_random.Next(100) < 10) tags.Add("migrant");
                var created = Within(years);
                insert.Add(Guid.CreateVersion7(created).ToString().ToUpperInvariant(), centres[i % centres.Count], Name(), Phone(),
                    S(_random.Next(1, 41)), S(_random.Next(1, 5)), S(_random.Next(1, 19) * 100 + _random.Next(1, 5)), $"第{_random.Next(1, 9)}网格",
                    string.Join(",", tags), null, ToStore(created), null, null, null, _random.Next(4));
            }
        }
        Checkpoint(host);
        return count;
    }

    /// <summary>
    /// Three years of requests, oldest first, spread over the centres: nearly all closed (accepted, resolved, rated or
    /// not), a few cancelled or rejected, and those of the last two days still open. Every request already carries its
    /// final flags (overdue, escalation), so the deadline watch finds nothing to do: historical rows add no background
    /// work to the measurements. Two timeline entries each (submitted, then the last step).
    /// </summary>
    public (long Requests, long Timeline) Requests(int count, int years)
    {
        var centres = CentreIds();
        using var repair = Open(Db("modules/repair.db"));
        var categories = Query(repair, "SELECT CentreId, Id, ResponseHours, ResolutionHours FROM categories WHERE Active = 1 ORDER BY Id",
                r => (Centre: r.GetInt32(0), Id: r.GetInt32(1), Response: r.GetInt32(2), Resolution: r.GetInt32(3)))
            .GroupBy(c => c.Centre).ToDictionary(g => g.Key, g => g.ToList());
        var firstId = Query(repair, "SELECT COALESCE(MAX(Id), 0) FROM requests", r => r.GetInt64(0))[0] + 1;
        var span = TimeSpan.FromDays(365 * years);
        var openSince = now - TimeSpan.FromDays(2);

        var loader = new Loader(repair);
        var requests = loader.Insert("requests",
            "Id", "CentreId", "Description", "CategoryId", "Status", "ReporterUserId", "ResidentId", "ResidentUserId", "ContactName", "ContactPhone",
            "Vulnerable", "Building", "BuildingKey", "Unit", "Room", "LocationText", "AssigneeId", "DispatchReasonZh", "DispatchReasonEn",
            "ResponseDueAt", "ResolutionDueAt", "AcceptedAt", "ResolvedAt", "ClosedAt", "ResponseOverdue", "ResolutionOverdue", "EscalationLevel",
            "Rating", "RatingComment", "MergedIntoId", "Open311ClientId", "HelpFallbackAt", "VolunteerName", "Version",
            "CreatedAt", "CreatedBy", "CreatedVia", "UpdatedAt", "UpdatedBy");
        var timeline = loader.Insert("timeline",
            "CentreId", "RequestId", "At", "Kind", "ActorId", "ActorName", "Channel", "TextZh", "TextEn", "Internal");
        for (var i = 0; i < count; i++)
        {
            var id = firstId + i;
            var centre = centres[_random.Next(centres.Count)];
            var created = now - span + span * ((i + _random.NextDouble()) / count);
            var category = categories.TryGetValue(centre, out var list) ? list[_random.Next(list.Count)] : (Centre: centre, Id: 0, Response: 4, Resolution: 72);
            var responseDue = created.AddHours(category.Response);
            var resolutionDue = created.AddHours(category.Resolution);
            var assignee = $"perf-staff-{centre}-{_random.Next(8)}";
            var building = _random.Next(1, 41);
            var channel = _random.Next(100) < 70 ? 0 : _random.Next(1, 4);
            DateTimeOffset? accepted = null, resolved = null, closed = null;
            int status, version;
            int? rating = null;
            string lastKind;
            var roll = _random.Next(1000);
            if (created >= openSince && roll < 800)
            {
                accepted = created.AddMinutes(_random.Next(5, 180));
                status = roll < 400 ? 3 : 4; // accepted, in progress
                lastKind = status == 3 ? "accepted" : "started";
                version = status == 3 ? 2 : 3;
            }
            else if (roll < 20)
            {
                status = 8; // cancelled
                closed = created.AddMinutes(_random.Next(5, 600));
                lastKind = "cancelled";
                version = 2;
            }
            else if (roll < 30)
            {
                status = 9; // rejected
                closed = created.AddMinutes(_random.Next(5, 600));
                lastKind = "rejected";
                version = 2;
            }
            else
            {
                status = 6; // closed
                accepted = created.AddMinutes(_random.Next(3, category.Response * 60 + 120));
                resolved = accepted.Value.AddMinutes(_random.Next(20, category.Resolution * 60 + 600));
                closed = resolved.Value.AddHours(_random.Next(1, 72));
                if (_random.Next(100) < 65) rating = _random.Next(100) < 80 ? 5 : _random.Next(2, 5);
                lastKind = "closed";
                version = rating is null ? 5 : 6;
            }
            var responseOverdue = accepted is null ? closed is null && responseDue < now : accepted > responseDue;
            var resolutionOverdue = resolved is null ? closed is null && resolutionDue < now : resolved > resolutionDue;
            var escalation = responseOverdue || resolutionOverdue ? 2 : 0;
            var last = closed ?? accepted ?? created;
            var problem = Problems[_random.Next(Problems.Length)];

            requests.Add(id, centre, problem, category.Id == 0 ? null : category.Id, status, null, null, null, Name(), Phone(),
                _random.Next(100) < 8, S(building), S(building), S(_random.Next(1, 5)), S(_random.Next(1, 19) * 100 + _random.Next(1, 5)), null,
                status is 8 or 9 ? null : assignee, "按类别派给当班人员", "Dispatched to the staff on duty for the category",
                ToStore(responseDue), ToStore(resolutionDue), Time(accepted), Time(resolved), Time(closed), responseOverdue, resolutionOverdue, escalation,
                rating, null, null, null, null, null, version,
                ToStore(created), null, channel, ToStore(last), null);
            timeline.Add(centre, id, ToStore(created), "submitted", null, null, channel, "提交报修", "Reported", false);
            timeline.Add(centre, id, ToStore(last), lastKind, assignee, "物业师傅", 0, "状态更新", "Status changed", false);
        }
        loader.Dispose();
        Checkpoint(repair);
        return (requests.Rows, timeline.Rows);
    }

    private static object? Time(DateTimeOffset? value) => value is { } v ? ToStore(v) : null;

    public int Volunteers(int count, int years)
    {
        var centres = CentreIds();
        using var volunteers = Open(Db("modules/volunteers.db"));
        using (var loader = new Loader(volunteers))
        {
            var insert = loader.Insert("volunteers",
                   "CentreId", "UserId", "DisplayName", "Phone", "Skills", "Availability", "Status", "DecisionNote", "DecidedAt", "DecidedBy",
                   "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "CreatedVia");
            for (var i = 0; i < count; i++)
            {
                var created = Within(years);
                var approved = _random.Next(100) < 90;
                insert.Add(centres[i % centres.Count], $"perf-volunteer-{i}", Name(), Phone(), "", _random.Next(2) == 0 ? "weekends" : "weekday evenings",
                    approved ? 1 : 0, null, approved ? ToStore(created.AddDays(1)) : null, approved ? "perf-staff" : null,
                    ToStore(created), $"perf-volunteer-{i}", null, null, 0);
            }
        }
        Checkpoint(volunteers);
        return count;
    }

    /// <summary>Adds centres (spread over the existing towns) until there are <paramref name="total"/>, each with the modules on.</summary>
    public int Centres(int total, IReadOnlyList<string> modules)
    {
        using var host = Open(Db("host.db"));
        var towns = Query(host, "SELECT Id FROM Towns ORDER BY Id", r => r.GetInt32(0));
        var existing = Query(host, "SELECT COUNT(*) FROM Centres", r => r.GetInt32(0))[0];
        var stamp = ToStore(now);
        var added = 0;
        using (var loader = new Loader(host))
        {
            var centres = loader.Insert("Centres", "Slug", "NameZh", "NameEn", "TownId", "CreatedAt");
            for (var n = existing + 1; n <= total; n++, added++)
                centres.Add($"perf-centre-{n:0000}", $"压测社区中心{n}", $"Perf centre {n}", towns[n % towns.Count], stamp);
        }
        var ids = Query(host, "SELECT Id FROM Centres ORDER BY Id", r => r.GetInt32(0));
        var on = Query(host, "SELECT CentreId, ModuleId FROM CentreModules", r => (r.GetInt32(0), r.GetString(1))).ToHashSet();
        using (var loader = new Loader(host))
        {
            var switches = loader.Insert("CentreModules", "CentreId", "ModuleId", "Enabled", "ChangedAt", "ChangedBy");
            foreach (var id in ids)
                foreach (var module in modules)
                    if (!on.Contains((id, module)))
                        switches.Add(id, module, true, stamp, null);
        }
        Execute(host, $"UPDATE CentreModules SET Enabled = 1 WHERE ModuleId IN ({string.Join(", ", modules.Select(m => $"'{m.Replace("'", "''")}'"))});");
        // As the admin API does: bump the directory counter, so a running instance would reload too.
        Execute(host, "INSERT INTO ChangeStamps (Name, Version) VALUES ('directory', 1) ON CONFLICT(Name) DO UPDATE SET Version = Version + 1;");
        Checkpoint(host);
        return added;
    }
}
