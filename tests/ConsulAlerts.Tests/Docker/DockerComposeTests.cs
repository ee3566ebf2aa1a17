using ConsulAlerts.Tests.Cli;

namespace ConsulAlerts.Tests.Docker;

public sealed class DockerComposeTests
{
    private static readonly IReadOnlyDictionary<string, string> Compose = SimpleYaml.Load(RepositoryRoot.File("docker", "docker-compose.yml"));

    [Fact]
    public void Services_ConsulAndConsulAlerts()
    {
        Compose.Keys.Where(k => k.StartsWith("services.", StringComparison.Ordinal)).Select(k => k.Split('.')[1]).Distinct()
            .ShouldBe(["consul", "consul-alerts"], ignoreOrder: true);
    }

    [Fact]
    public void Consul_PinnedImageInDevMode()
    {
        Compose["services.consul.image"].ShouldMatch(@"^hashicorp/consul:[0-9]+\.[0-9]+\.[0-9]+$");
        Compose["services.consul.command"].ShouldContain("\"-dev\"");
    }

    [Fact]
    public void ConsulAlerts_BuiltFromDockerfileAndLinkedToConsul()
    {
        Compose["services.consul-alerts.build.context"].ShouldBe("..");
        string dockerfile = Compose["services.consul-alerts.build.dockerfile"];
        System.IO.File.Exists(RepositoryRoot.File(dockerfile.Split('/'))).ShouldBeTrue(dockerfile);
        string command = Compose["services.consul-alerts.command"];
        command.ShouldContain("\"--consul-addr=consul:8500\"");
        command.ShouldContain("\"--alert-addr=0.0.0.0:9000\"");
        Compose["services.consul-alerts.depends_on.consul.condition"].ShouldBe("service_healthy");
        Compose["services.consul-alerts.ports[]"].ShouldContain("9000:9000");
    }
}
