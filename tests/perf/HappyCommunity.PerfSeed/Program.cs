using System.Diagnostics;
using HappyCommunity.PerfSeed;

// Bulk data for the benchmark harness (tests/perf/run.sh), written straight into the stores the host created and
// migrated. Run it only while the host is stopped.
//
//   PerfSeed district <data folder> [residents=50000] [requests=1000000] [volunteers=5000] [years=3]
//   PerfSeed centres  <data folder> [total=1000] [modules=notices,repair,volunteers]
if (args.Length < 2 || args[0] is not ("district" or "centres"))
{
    Console.Error.WriteLine("usage: PerfSeed district|centres <data folder> [key=value...]");
    return 2;
}

var data = args[1];
var options = args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(a => a[0], a => a.Length > 1 ? a[1] : "");
int Int(string key, int fallback) => options.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

var clock = Stopwatch.StartNew();
var seeder = new Seeder(data, DateTimeOffset.UtcNow, seed: 6);
if (args[0] == "district")
{
    var years = Int("years", 3);
    var residents = seeder.Residents(Int("residents", 50_000), years);
    var (requests, timeline) = seeder.Requests(Int("requests", 1_000_000), years);
    var volunteers = seeder.Volunteers(Int("volunteers", 5_000), years);
    Console.WriteLine($"seeded {residents} residents, {requests} repair requests ({timeline} timeline entries), {volunteers} volunteers in {clock.Elapsed.TotalSeconds:0.0} s");
}
else
{
    var modules = (options.GetValueOrDefault("modules") ?? "notices,repair,volunteers").Split(',', StringSplitOptions.RemoveEmptyEntries);
    var added = seeder.Centres(Int("total", 1_000), modules);
    Console.WriteLine($"added {added} centres with {string.Join(", ", modules)} on in {clock.Elapsed.TotalSeconds:0.0} s");
}
return 0;
