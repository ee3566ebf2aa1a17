using System.Globalization;
using System.Text.RegularExpressions;
using ConsulAlerts.Tests.Cli;
using Xunit.Abstractions;

namespace ConsulAlerts.Tests.Docker;

public sealed partial class DockerfileTests(ITestOutputHelper output)
{
    private static readonly Dockerfile File = Dockerfile.Load(RepositoryRoot.File("docker", "Dockerfile"));

    [Fact]
    public void From_EveryImage_PinnedToAFullVersion()
    {
        var froms = File.All("FROM").ToList();
        froms.Count.ShouldBeGreaterThanOrEqualTo(2, "multi-stage: a build stage and a runtime stage");
        foreach (var from in froms)
        {
            string image = from.Words.First(w => !w.StartsWith("--", StringComparison.Ordinal));
            PinnedImage().IsMatch(image).ShouldBeTrue($"'{image}' is pinned to x.y.z or a digest, never latest or a floating tag");
        }
    }

    [Fact]
    public void From_FirstStage_NamedBuildWithSdkAndRuntimeStageWithoutSdk()
    {
        var froms = File.All("FROM").ToList();
        froms[0].Arguments.ShouldEndWith(" AS build");
        froms[0].Arguments.ShouldStartWith("mcr.microsoft.com/dotnet/sdk:");
        // runtime-deps: no .NET runtime in the image, the binary is native.
        froms[^1].Arguments.ShouldStartWith("mcr.microsoft.com/dotnet/runtime-deps:");
        File.InFinalStage("COPY").ShouldContain(c => c.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void User_FinalStage_NotRoot()
    {
        var user = File.InFinalStage("USER").LastOrDefault();

        user.ShouldNotBeNull("the image must not run as root");
        string name = user.Arguments.Split(':')[0];
        name.ShouldNotBeOneOf("root", "0");
    }

    [Fact]
    public void HealthCheck_FinalStage_ProbesHealthz()
    {
        var check = File.InFinalStage("HEALTHCHECK").ShouldHaveSingleItem();

        check.Arguments.ShouldContain("CMD");
        check.Arguments.ShouldContain("\"consul-alerts\", \"healthcheck\"");
    }

    [Fact]
    public void Expose_9000()
    {
        File.InFinalStage("EXPOSE").SelectMany(e => e.Words).ShouldContain("9000");
    }

    [Fact]
    public void EntrypointAndCmd_ConsulAlertsStartOnEveryInterface()
    {
        File.InFinalStage("ENTRYPOINT").ShouldHaveSingleItem().Arguments.ShouldBe("[\"consul-alerts\"]");
        string cmd = File.InFinalStage("CMD").ShouldHaveSingleItem().Arguments;
        cmd.ShouldStartWith("[\"start\"");
        cmd.ShouldContain("\"--alert-addr=0.0.0.0:9000\"");
    }

    [Fact]
    public void Copy_EverySource_ExistsInRepository()
    {
        var copies = File.All("COPY").Where(c => !c.Arguments.StartsWith("--from=", StringComparison.Ordinal)).ToList();
        copies.ShouldNotBeEmpty();
        foreach (var copy in copies)
        {
            string[] words = copy.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (string source in words[..^1])
            {
                string path = RepositoryRoot.File(source.TrimEnd('/').Split('/'));
                (System.IO.File.Exists(path) || Directory.Exists(path)).ShouldBeTrue($"COPY source '{source}' exists in the repository");
            }
        }
    }

    [Fact]
    public void DockerIgnore_BuildOutputOfTheHost_Excluded()
    {
        string[] lines = System.IO.File.ReadAllLines(RepositoryRoot.File("docker", "Dockerfile.dockerignore"));

        lines.ShouldContain("**/bin/");
        lines.ShouldContain("**/obj/");
        foreach (var copy in File.All("COPY").Where(c => !c.Arguments.StartsWith("--from=", StringComparison.Ordinal)))
        {
            foreach (string source in copy.Words[..^1])
            {
                lines.ShouldNotContain(source.TrimEnd('/') + "/", $"COPY {source} must not be excluded from the context");
            }
        }
    }

    [Fact]
    public void Run_BuildStage_InstallsTheNativeToolchain()
    {
        var install = File.Instructions.Where(i => i.Stage == 0 && i.Keyword == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal)).ToList();

        install.ShouldHaveSingleItem().Words.ShouldSatisfyAllConditions(
            words => words.ShouldContain("clang"),
            words => words.ShouldContain("zlib1g-dev"));
    }

    [Fact]
    public void Run_BuildStage_PublishesNativeForLinuxX64()
    {
        var commands = File.Instructions.Where(i => i.Stage == 0 && i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet ", StringComparison.Ordinal)).ToList();

        // The restore must name the runtime too: the native compiler's packages are restored for it.
        commands.ShouldContain(c => c.Arguments.StartsWith("dotnet restore ", StringComparison.Ordinal) && c.Arguments.Contains("-r linux-x64", StringComparison.Ordinal));
        commands.ShouldContain(c => c.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal) && c.Arguments.Contains("-r linux-x64", StringComparison.Ordinal)
            && c.Arguments.Contains("-c Release", StringComparison.Ordinal));
    }

    [Fact]
    public void Copy_FinalStage_OnlyTheNativeBinary()
    {
        var copy = File.InFinalStage("COPY").ShouldHaveSingleItem();

        copy.Words.ShouldBe(["--from=build", "/app/consul-alerts", "./"]);
    }

    // Runs the build stage's dotnet commands as the image build does (shared with the native end-to-end tests: one
    // publish per test run). Slow: a NativeAOT compilation, two minutes on an idle 2-core machine and more when it is
    // busy; skip it with --filter "Category!=Slow".
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Publish_AsInDockerfile_OneNativeExecutableWithoutWarnings()
    {
        var publish = await NativePublish.GetAsync();
        // For CI's time budget: how long the one native publish of the run took (shared with the native tests).
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"restore and native publish: {publish.Elapsed.TotalSeconds:0} s"));

        publish.Files.ShouldBe(["consul-alerts"], "one executable: no consul-alerts.dll, runtime, PDB or XML beside it");
        publish.Output.ShouldNotContain(": warning ", Case.Insensitive, "the AOT publish reports no trim or AOT warnings");
        var header = new byte[4];
        await using (var binary = System.IO.File.OpenRead(publish.Executable))
        {
            await binary.ReadExactlyAsync(header);
        }

        header.ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, "a native ELF executable, not a managed assembly");
        var (versionExit, version) = await NativePublish.RunAsync(publish.Executable, ["--version"], publish.Directory, TimeSpan.FromMinutes(1));
        versionExit.ShouldBe(0, version);
        version.ShouldStartWith("consul-alerts ");
    }

    [GeneratedRegex(@"^[a-z0-9./_-]+(:[0-9]+\.[0-9]+\.[0-9]+[a-z0-9.-]*(@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})$")]
    private static partial Regex PinnedImage();
}
