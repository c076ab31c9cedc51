using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/perf/HappyCommunity.Benchmarks -- --filter '*'   (see tests/perf/README.md)
BenchmarkSwitcher.FromAssembly(typeof(HappyCommunity.Benchmarks.DispatchBenchmarks).Assembly).Run(args);
