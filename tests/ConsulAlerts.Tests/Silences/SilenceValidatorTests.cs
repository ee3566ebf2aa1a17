using ConsulAlerts.Muting;
using ConsulAlerts.Silences;

namespace ConsulAlerts.Tests.Silences;

public sealed class SilenceValidatorTests
{
    private const string Id = "0123abcd-4567-89ab-cdef-0123456789ab";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SilenceRequest Valid => new()
    {
        Matchers = [new SilenceMatcher { Name = "node", Value = "web-1" }],
        EndsAt = "2026-03-01T13:00:00Z",
        CreatedBy = "ops",
        Comment = "deploy",
    };

    [Fact]
    public void ValidateRequest_Valid_GivesSilenceAndRule()
    {
        var result = SilenceValidator.ValidateRequest(Valid, Id, Now);

        result.Errors.ShouldBeEmpty();
        result.Silence!.Id.ShouldBe(Id);
        result.Silence.StartsAt.ShouldBe(Now, "a missing start is now");
        result.Silence.EndsAt.ShouldBe(Now.AddHours(1));
        result.Silence.UpdatedAt.ShouldBe(Now);
        result.Rule!.Id.ShouldBe(Id);
        result.Rule.Matchers.Single().ToString().ShouldBe("node=\"web-1\"");
    }

    [Fact]
    public void ValidateRequest_StartInThePast_StartsNow()
    {
        var result = SilenceValidator.ValidateRequest(Valid with { StartsAt = "2020-01-01T00:00:00Z" }, Id, Now);

        result.Silence!.StartsAt.ShouldBe(Now);
    }

    [Fact]
    public void ValidateRequest_OffsetTimes_StoredInUtc()
    {
        var result = SilenceValidator.ValidateRequest(Valid with { StartsAt = "2026-03-01T15:00:00+02:00", EndsAt = "2026-03-01T16:00:00+02:00" }, Id, Now);

        result.Silence!.StartsAt.ShouldBe(Now.AddHours(1));
        result.Silence.StartsAt.Offset.ShouldBe(TimeSpan.Zero);
        result.Silence.EndsAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("foo", "x", false, "matchers[0].name: unknown label 'foo'")]
    [InlineData("", "x", false, "matchers[0].name: required")]
    [InlineData("check", "(", true, "matchers[0].value: invalid regular expression")]
    [InlineData("check", "(?=a)a", true, "matchers[0].value: invalid regular expression: lookaround")]
    [InlineData("check", "(a)\\1", true, "matchers[0].value: invalid regular expression")]
    public void ValidateRequest_BadMatcher_NamesTheField(string name, string value, bool isRegex, string expected)
    {
        var request = Valid with { Matchers = [new SilenceMatcher { Name = name, Value = value, IsRegex = isRegex }] };

        var result = SilenceValidator.ValidateRequest(request, Id, Now);

        result.IsValid.ShouldBeFalse();
        result.Silence.ShouldBeNull();
        result.Errors.ShouldHaveSingleItem().ShouldStartWith(expected);
    }

    [Fact]
    public void ValidateRequest_EverythingWrong_ReportsEveryProblemTogether()
    {
        var request = new SilenceRequest
        {
            Matchers = [new SilenceMatcher { Name = "node", Value = "a" }, new SilenceMatcher { Name = "foo", Value = "b" }, null, new SilenceMatcher { Name = "check" }],
            StartsAt = "2026-03-01T14:00:00Z",
            EndsAt = "2026-03-01T13:00:00Z",
            CreatedBy = " ",
        };

        var result = SilenceValidator.ValidateRequest(request, Id, Now);

        result.Errors.ShouldBe(
        [
            "endsAt: must be after startsAt",
            "matchers[1].name: unknown label 'foo' (known: node, service, service-id, check, check-name, status, service-tags, datacenter)",
            "matchers[2]: must be an object",
            "matchers[3].value: required",
            "createdBy: required",
            "comment: required",
        ]);
    }

    [Theory]
    [InlineData(null, "2026-03-01T13:00:00Z", "matchers: at least one required")]
    [InlineData("[]", "2026-03-01T13:00:00Z", "matchers: at least one required")]
    [InlineData("one", null, "endsAt: required")]
    [InlineData("one", "tomorrow", "endsAt: not an RFC 3339 time")]
    [InlineData("one", "3/1/2026 13:00", "endsAt: not an RFC 3339 time")]
    [InlineData("one", "2026-03-01T11:00:00Z", "endsAt: must be after startsAt")]
    public void ValidateRequest_BadShape_NamesTheField(string? matchers, string? endsAt, string expected)
    {
        var request = Valid with
        {
            Matchers = matchers switch { null => null, "[]" => [], _ => Valid.Matchers },
            EndsAt = endsAt,
        };

        var result = SilenceValidator.ValidateRequest(request, Id, Now);

        result.Errors.ShouldHaveSingleItem().ShouldStartWith(expected);
    }

    [Fact]
    public void ValidateRequest_StartAndEndInThePast_EndMustBeInTheFuture()
    {
        var result = SilenceValidator.ValidateRequest(
            Valid with { StartsAt = "2026-03-01T10:00:00Z", EndsAt = "2026-03-01T11:00:00Z" }, Id, Now);

        result.Errors.ShouldBe(["endsAt: must be after startsAt"], "a past start becomes now, which is after the end");
    }

    [Fact]
    public void ValidateRequest_OverTheLimits_Refused()
    {
        var many = Enumerable.Range(0, SilenceLimits.MaxMatchers + 1).Select(i => (SilenceMatcher?)new SilenceMatcher { Name = "node", Value = "n" }).ToList();
        var request = Valid with
        {
            Matchers = many,
            Comment = new string('c', SilenceLimits.MaxCommentLength + 1),
            CreatedBy = new string('a', SilenceLimits.MaxCreatedByLength + 1),
        };

        var result = SilenceValidator.ValidateRequest(request, Id, Now);

        result.Errors.ShouldBe(
        [
            $"matchers: at most {SilenceLimits.MaxMatchers} allowed, {SilenceLimits.MaxMatchers + 1} given",
            $"createdBy: longer than {SilenceLimits.MaxCreatedByLength} characters",
            $"comment: longer than {SilenceLimits.MaxCommentLength} characters",
        ]);
    }

    [Fact]
    public void ValidateRequest_LongValue_Refused()
    {
        var request = Valid with { Matchers = [new SilenceMatcher { Name = "node", Value = new string('x', SilenceLimits.MaxValueLength + 1) }] };

        SilenceValidator.ValidateRequest(request, Id, Now).Errors.ShouldBe([$"matchers[0].value: longer than {SilenceLimits.MaxValueLength} characters"]);
    }

    [Theory]
    [InlineData("createdBy", "ops\u0000")]
    [InlineData("createdBy", "ops\nroot")]
    [InlineData("comment", "bell\u0007")]
    public void ValidateRequest_ControlCharacters_Refused(string field, string text)
    {
        var request = field == "createdBy" ? Valid with { CreatedBy = text } : Valid with { Comment = text };

        SilenceValidator.ValidateRequest(request, Id, Now).Errors.ShouldBe([$"{field}: must not contain control characters"]);
    }

    [Fact]
    public void ValidateRequest_MultiLineComment_Accepted()
    {
        SilenceValidator.ValidateRequest(Valid with { Comment = "line one\nline two" }, Id, Now).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void ValidateRequest_UnknownLabelQuoted_ControlCharactersAndLengthCut()
    {
        var request = Valid with { Matchers = [new SilenceMatcher { Name = "x\u001b[31m" + new string('y', 100), Value = "v" }] };

        var error = SilenceValidator.ValidateRequest(request, Id, Now).Errors.Single();

        error.ShouldNotContain("\u001b");
        error.ShouldContain("...' (known:");
    }

    [Fact]
    public void ValidateRequest_Null_AsksForABody()
    {
        SilenceValidator.ValidateRequest(null, Id, Now).Errors.ShouldBe(["body: a JSON object is required"]);
    }

    [Fact]
    public void ValidateRequest_RegexMatcher_AnchoredWholeValue()
    {
        var request = Valid with { Matchers = [new SilenceMatcher { Name = "service", Value = "api|web", IsRegex = true }] };
        var rule = SilenceValidator.ValidateRequest(request, Id, Now).Rule!;

        rule.Matches(Subject(service: "web")).ShouldBeTrue();
        rule.Matches(Subject(service: "webapp")).ShouldBeFalse();
    }

    [Fact]
    public void ValidateStored_ExpiredPendingSilence_EndEqualToStartAccepted()
    {
        var silence = new Silence
        {
            Id = Id,
            Matchers = [new SilenceMatcher { Name = "node", Value = "a" }],
            StartsAt = Now,
            EndsAt = Now,
            CreatedBy = "ops",
            Comment = "c",
            UpdatedAt = Now,
        };

        SilenceValidator.ValidateStored(silence, Id).IsValid.ShouldBeTrue();
        SilenceValidator.ValidateStored(silence with { EndsAt = Now.AddSeconds(-1) }, Id).Errors.ShouldBe(["endsAt: must not be before startsAt"]);
    }

    [Fact]
    public void ValidateStored_IdNotTheKeys_Refused()
    {
        var silence = new Silence
        {
            Id = Id,
            Matchers = [new SilenceMatcher { Name = "node", Value = "a" }],
            StartsAt = Now,
            EndsAt = Now.AddHours(1),
            CreatedBy = "ops",
            Comment = "c",
        };

        SilenceValidator.ValidateStored(silence, "ffffffff-4567-89ab-cdef-0123456789ab").Errors.ShouldBe(["id: differs from the id in the key"]);
        SilenceValidator.ValidateStored(silence with { Id = "x" }, "x").Errors.ShouldBe(["id: not a silence id (a lowercase UUID)"]);
    }

    private static AlertSubject Subject(string service) =>
        new(new ConsulAlerts.Checks.CheckInfo { Node = "n", CheckId = "c", ServiceName = service }, "critical", "dc1");
}
