namespace ConsulAlerts.Tests.Cli;

/// <summary>The repository checkout the tests run from: the folder that holds ConsulAlerts.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !System.IO.File.Exists(System.IO.Path.Combine(root.FullName, "ConsulAlerts.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("no ConsulAlerts.sln above " + AppContext.BaseDirectory);
    }
}
