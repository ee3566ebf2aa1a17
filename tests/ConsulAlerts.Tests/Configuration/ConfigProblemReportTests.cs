using ConsulAlerts.Configuration;

namespace ConsulAlerts.Tests.Configuration;

public sealed class ConfigProblemReportTests
{
    private const string Root = "consul-alerts/config/";

    [Fact]
    public void Errors_SeveralProblemsOfOneKey_OneEntryWithTheCountInTheOrderFound()
    {
        ConfigProblem[] problems =
        [
            new(Root + "b", "first of b", "ignored", OfTheValue: true),
            new(Root + "a", "only a", null, OfTheValue: false),
            new(Root + "b", "second of b", "ignored", OfTheValue: true),
            new(Root + "b", "third of b", null, OfTheValue: true),
        ];

        var errors = ConfigProblemReport.Errors(Root, problems);

        errors.ShouldBe([
            new ConfigError(Root + "b", "first of b; ignored (and 2 more problems in this value)"),
            new ConfigError(Root + "a", "only a"),
        ]);
    }

    [Fact]
    public void Errors_MoreKeysThanListed_CountsTheRestAgainstTheRoot()
    {
        var problems = Enumerable.Range(0, ConfigLimits.MaxErrorsListed + 3).Select(i => new ConfigProblem($"{Root}k{i}", "bad", null, OfTheValue: true)).ToList();

        var errors = ConfigProblemReport.Errors(Root, problems);

        errors.Count.ShouldBe(ConfigLimits.MaxErrorsListed + 1);
        errors[^1].ShouldBe(new ConfigError(Root, "3 more keys have problems; they are not listed"));
    }
}
