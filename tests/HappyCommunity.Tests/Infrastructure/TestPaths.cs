namespace HappyCommunity.Tests.Infrastructure;

/// <summary>Finds the built plugin folders: the shipped modules and the test-only plugins.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Modules => Path.Combine(RepoRoot, "artifacts", "plugins");

    public static string TestPlugins => Path.Combine(RepoRoot, "artifacts", "test-plugins");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HappyCommunity.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (HappyCommunity.sln).");
    }

    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), "hc-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
