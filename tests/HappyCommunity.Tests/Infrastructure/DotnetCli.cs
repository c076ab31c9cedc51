using System.Diagnostics;

namespace HappyCommunity.Tests.Infrastructure;

/// <summary>Runs the real dotnet CLI, as a plugin author would, and fails with its output when it fails.</summary>
public static class DotnetCli
{
    public static async Task<string> RunAsync(string workingDirectory, params string[] args)
    {
        var (exitCode, output) = await RunRawAsync(workingDirectory, args);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', args)} failed ({exitCode}):\n{output}");
        return output;
    }

    public static async Task<(int ExitCode, string Output)> RunRawAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
