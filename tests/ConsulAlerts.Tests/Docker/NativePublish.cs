using System.Diagnostics;
using ConsulAlerts.Tests.Cli;

namespace ConsulAlerts.Tests.Docker;

/// <summary>
/// The native binary, published once per test run as the Dockerfile's build stage does (its COPY instructions into a
/// folder of its own, then its <c>dotnet</c> commands there, with the output folder instead of <c>/app</c>), and shared
/// by every test that needs it: a NativeAOT publish takes minutes (two on an idle 2-core machine, more when it is
/// busy). It lives under the test output and is replaced by the next run.
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
        var build = dockerfile.Instructions.Where(i => i.Stage == 0).ToList();
        if (!build.Any(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("the Dockerfile's build stage runs no dotnet publish");
        }

        // The build stage replayed in a folder of its own: its COPY instructions bring the files it names into a copy of
        // the image's working folder, its dotnet commands run there. So the publish sees only what the image build sees,
        // and it leaves the working tree's obj/ and bin/ (shared with the tests' own build) alone.
        // Under the test output (bin/, never committed), replaced by each run: a temporary folder would outlive a test
        // host that is stopped rather than exits, and the publish leaves some 250 MB of intermediate files.
        string root = Path.Combine(AppContext.BaseDirectory, "native-publish");
        if (System.IO.Directory.Exists(root))
        {
            System.IO.Directory.Delete(root, recursive: true);
        }

        string source = Path.Combine(root, "src");
        string output = Path.Combine(root, "app");
        System.IO.Directory.CreateDirectory(source);

        var watch = Stopwatch.StartNew();
        var log = new System.Text.StringBuilder();
        foreach (var instruction in build)
        {
            if (instruction.Keyword == "COPY")
            {
                Copy(instruction.Words, source);
            }
            else if (instruction.Keyword == "RUN" && instruction.Arguments.StartsWith("dotnet ", StringComparison.Ordinal))
            {
                string[] words = instruction.Words[1..].Select(w => w == "/app" ? output : w).ToArray();
                var (exit, text) = await RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", words, source, CommandTimeout);
                log.Append("$ ").AppendLine(instruction.Arguments).AppendLine(text);
                if (exit != 0)
                {
                    throw new InvalidOperationException($"`{instruction.Arguments}` exited with {exit}\n{log}");
                }
            }
        }

        return new NativePublish(output, log.ToString(), watch.Elapsed);
    }

    // COPY's words: <source>... <destination>, sources relative to the repository (the build context), the destination to the
    // working folder: a folder is copied whole, a file into the destination folder.
    private static void Copy(string[] words, string workFolder)
    {
        string destination = Path.Combine(workFolder, words[^1]);
        foreach (string item in words[..^1])
        {
            string from = Path.Combine(RepositoryRoot.Path, item);
            if (System.IO.Directory.Exists(from))
            {
                foreach (string file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    string relative = Path.GetRelativePath(from, file);
                    if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                    {
                        continue; // build output: docker/Dockerfile.dockerignore keeps it out of the image build too
                    }

                    string target = Path.Combine(destination, relative);
                    System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    System.IO.File.Copy(file, target, overwrite: true);
                }
            }
            else
            {
                System.IO.Directory.CreateDirectory(destination);
                System.IO.File.Copy(from, Path.Combine(destination, Path.GetFileName(from)), overwrite: true);
            }
        }
    }

    /// <summary>Runs <paramref name="program"/> to its end within <paramref name="timeout"/>; its exit code and all it wrote.</summary>
    internal static async Task<(int Exit, string Output)> RunAsync(string program, IEnumerable<string> args, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
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
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} took over {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
