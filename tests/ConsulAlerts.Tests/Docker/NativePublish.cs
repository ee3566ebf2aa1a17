using System.Diagnostics;
using ConsulAlerts.Tests.Cli;

namespace ConsulAlerts.Tests.Docker;

/// <summary>
/// The native binary, published once per test run as the Dockerfile's build stage does (its <c>dotnet</c> commands, in
/// order, with the output folder instead of <c>/app</c>), and shared by every test that needs it: a NativeAOT publish
/// takes minutes (two on an idle 2-core machine, more when it is busy). The folder is removed when the test run ends.
/// </summary>
internal sealed class NativePublish
{
    /// <summary>Limit of one <c>dotnet</c> command; a busy machine makes the native compilation slow.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(15);

    private static readonly Lazy<Task<NativePublish>> Once = new(PublishAsync);

    private NativePublish(string directory, string output, TimeSpan elapsed)
    {
        Directory = directory;
        Output = output;
        Elapsed = elapsed;
    }

    /// <summary>The publish folder (what the image's build stage writes to <c>/app</c>).</summary>
    public string Directory { get; }

    /// <summary>The native <c>consul-alerts</c> executable.</summary>
    public string Executable => Path.Combine(Directory, "consul-alerts");

    /// <summary>Everything the commands printed.</summary>
    public string Output { get; }

    /// <summary>How long restore and publish took together.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The file names in <see cref="Directory"/>.</summary>
    public IReadOnlyList<string> Files =>
        [.. System.IO.Directory.EnumerateFileSystemEntries(Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>The publish, started by the first caller; a failed publish fails every caller with its output.</summary>
    public static Task<NativePublish> GetAsync() => Once.Value;

    private static async Task<NativePublish> PublishAsync()
    {
        var dockerfile = Dockerfile.Load(RepositoryRoot.File("docker", "Dockerfile"));
        var commands = dockerfile.Instructions
            .Where(i => i.Stage == 0 && i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet ", StringComparison.Ordinal))
            .ToList();
        if (!commands.Any(c => c.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("the Dockerfile's build stage runs no dotnet publish");
        }

        string directory = Path.Combine(Path.GetTempPath(), "consul-alerts-native-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };

        var watch = Stopwatch.StartNew();
        var output = new System.Text.StringBuilder();
        foreach (var command in commands)
        {
            string[] words = command.Words[1..].Select(w => w == "/app" ? directory : w).ToArray();
            var (exit, text) = await RunAsync(words);
            output.Append("$ ").AppendLine(string.Join(' ', command.Words)).AppendLine(text);
            if (exit != 0)
            {
                throw new InvalidOperationException($"`{command.Arguments}` exited with {exit}\n{output}");
            }
        }

        return new NativePublish(directory, output.ToString(), watch.Elapsed);
    }

    private static async Task<(int Exit, string Output)> RunAsync(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} took over {CommandTimeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
