using System.Net;
using ConsulAlerts.ContractTests.Infrastructure;

namespace ConsulAlerts.ContractTests;

/// <summary>
/// How strictly the endpoints the daemon and the demo write to decode their bodies, and the errors they answer: agent
/// endpoints refuse unknown fields (matching names case-insensitively), sessions ignore them.
/// </summary>
public abstract class RequestDecodingContract(ConsulAgentFixture agent) : ContractTestBase(agent)
{
    private async Task<(HttpStatusCode Status, string Body)> RegisterCheckRawAsync(string id, string json)
    {
        TrackCheck(id);
        using var response = await PutJsonAsync("v1/agent/check/register", json);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Body)> RegisterServiceRawAsync(string id, string json)
    {
        TrackService(id);
        using var response = await PutJsonAsync("v1/agent/service/register", json);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task CheckRegister_CheckIdField_Returns400UnknownField()
    {
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","CheckID":"{{{id}}}","TTL":"60s"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: json: unknown field \"CheckID\"");
        (await AgentChecksAsync()).ContainsKey(id).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task CheckRegister_UnknownField_Returns400UnknownField()
    {
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","TTL":"60s","Colour":"red"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: json: unknown field \"Colour\"");
    }

    [SkippableFact]
    public async Task CheckRegister_OutputField_Returns400UnknownField()
    {
        // A check's output comes from running it (or a TTL update), never from its definition.
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","TTL":"60s","Output":"seeded"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: json: unknown field \"Output\"");
    }

    [SkippableFact]
    public async Task CheckRegister_LowercaseFieldNames_AreMatchedCaseInsensitively()
    {
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"name":"{{{id}}}","id":"{{{id}}}","ttl":"60s","status":"warning"}""");

        status.ShouldBe(HttpStatusCode.OK, body);
        Str((await AgentChecksAsync())[id]!["Status"]).ShouldBe("warning");
    }

    [SkippableFact]
    public async Task CheckRegister_SnakeCaseServiceId_AttachesCheckToService()
    {
        var service = await RegisterTtlServiceAsync();
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","TTL":"60s","service_id":"{{{service}}}"}""");

        status.ShouldBe(HttpStatusCode.OK, body);
        Str((await AgentChecksAsync())[id]!["ServiceID"]).ShouldBe(service);
    }

    [SkippableFact]
    public async Task CheckRegister_UnknownServiceId_Returns500()
    {
        var id = Unique("chk");
        var service = Unique("nosvc");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","TTL":"60s","ServiceID":"{{{service}}}"}""");

        status.ShouldBe(HttpStatusCode.InternalServerError);
        body.ShouldBe($"ServiceID \"{service}\" does not exist");
    }

    [SkippableFact]
    public async Task CheckRegister_EmptyBody_Returns400()
    {
        using var response = await PutAsync("v1/agent/check/register");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldStartWith("Request decode failed");
    }

    [SkippableFact]
    public async Task CheckRegister_TruncatedJson_Returns400()
    {
        using var response = await PutJsonAsync("v1/agent/check/register", """{"Name":"x",""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldStartWith("Request decode failed");
    }

    [SkippableFact]
    public async Task CheckRegister_TtlNotADuration_Returns400InvalidDuration()
    {
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","TTL":"soon"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: time: invalid duration \"soon\"");
    }

    [SkippableFact]
    public async Task CheckRegister_EmptyInterval_Returns400InvalidDuration()
    {
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","TTL":"60s","Interval":""}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: time: invalid duration \"\"");
    }

    [SkippableFact]
    public async Task CheckRegister_HttpCheckWithoutInterval_Returns400()
    {
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","HTTP":"http://127.0.0.1:1/"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldStartWith("Invalid check: Interval must be > 0 for Script, HTTP, H2PING");
    }

    [SkippableFact]
    public async Task CheckRegister_BadStatus_Returns400BadCheckStatus()
    {
        var id = Unique("chk");

        var (status, body) = await RegisterCheckRawAsync(id, $$$"""{"Name":"{{{id}}}","ID":"{{{id}}}","TTL":"60s","Status":"sad"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Bad check status");
    }

    [SkippableFact]
    public async Task ServiceRegister_UnknownTopLevelField_Returns400UnknownField()
    {
        var id = Unique("svc");

        var (status, body) = await RegisterServiceRawAsync(id, $$$"""{"ID":"{{{id}}}","Name":"{{{id}}}","Owner":"ops"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: json: unknown field \"Owner\"");
    }

    [SkippableFact]
    public async Task ServiceRegister_CheckWithIdInsteadOfCheckId_Returns400UnknownField()
    {
        // A service's check takes CheckID; a stand-alone check takes ID. Each refuses the other's name.
        var id = Unique("svc");

        var (status, body) = await RegisterServiceRawAsync(id, $$$"""{"ID":"{{{id}}}","Name":"{{{id}}}","Check":{"ID":"{{{id}}}-check","TTL":"60s"}}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: json: unknown field \"ID\"");
    }

    [SkippableFact]
    public async Task ServiceRegister_UnknownFieldInChecksArray_Returns400UnknownField()
    {
        var id = Unique("svc");

        var (status, body) = await RegisterServiceRawAsync(id, $$$"""{"ID":"{{{id}}}","Name":"{{{id}}}","Checks":[{"TTL":"60s"},{"TTL":"60s","Owner":"ops"}]}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Request decode failed: json: unknown field \"Owner\"");
    }

    [SkippableFact]
    public async Task ServiceRegister_PortAsString_Returns400CannotUnmarshal()
    {
        var id = Unique("svc");

        var (status, body) = await RegisterServiceRawAsync(id, $$$"""{"ID":"{{{id}}}","Name":"{{{id}}}","Port":"80"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldStartWith("Request decode failed: json: cannot unmarshal string into Go struct field");
    }

    [SkippableFact]
    public async Task ServiceRegister_CheckWithBadStatus_Returns400()
    {
        var id = Unique("svc");

        var (status, body) = await RegisterServiceRawAsync(id, $$$"""{"ID":"{{{id}}}","Name":"{{{id}}}","Check":{"TTL":"60s","Status":"sad"}}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Status for checks must 'passing', 'warning', 'critical'");
    }

    [SkippableFact]
    public async Task ServiceRegister_WithoutName_Returns400MissingServiceName()
    {
        var id = Unique("svc");

        var (status, body) = await RegisterServiceRawAsync(id, $$$"""{"ID":"{{{id}}}"}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldBe("Missing service name");
    }

    [SkippableFact]
    public async Task CheckUpdate_UnknownField_Returns400AndKeepsStatus()
    {
        var service = await RegisterTtlServiceAsync();

        using var response = await PutJsonAsync($"v1/agent/check/update/service:{service}", """{"Status":"passing","Colour":"green"}""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Request decode failed: json: unknown field \"Colour\"");
        Str((await AgentChecksAsync())[$"service:{service}"]!["Status"]).ShouldBe("critical");
    }

    [SkippableFact]
    public async Task CheckUpdate_WithoutStatus_Returns400InvalidCheckStatus()
    {
        var service = await RegisterTtlServiceAsync();

        using var response = await PutJsonAsync($"v1/agent/check/update/service:{service}", """{"Output":"x"}""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Invalid check status: ''");
    }

    [SkippableFact]
    public async Task CheckPass_UnknownCheck_Returns500WithoutTtl()
    {
        var id = Unique("chk");

        using var response = await PutAsync($"v1/agent/check/pass/{id}");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldBe($"CheckID \"{id}\" does not have associated TTL");
    }

    [SkippableFact]
    public async Task CheckDeregister_UnknownCheck_Returns200()
    {
        using var response = await PutAsync($"v1/agent/check/deregister/{Unique("chk")}");

        await ExpectStatusAsync(response, HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task ServiceDeregister_UnknownService_Returns200()
    {
        using var response = await PutAsync($"v1/agent/service/deregister/{Unique("svc")}");

        await ExpectStatusAsync(response, HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task SessionCreate_UnknownField_IsIgnored()
    {
        var id = await CreateSessionAsync($$$"""{"Name":"{{{Unique("session")}}}","Colour":"red"}""");

        Str((await SessionInfoAsync(id))[0]!["Name"]).ShouldBe(Unique("session"));
    }

    [SkippableFact]
    public async Task SessionCreate_TtlWithoutUnit_Returns500MissingUnit()
    {
        using var response = await PutJsonAsync("v1/session/create", """{"TTL":"15"}""");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldBe("Session TTL '15' invalid: time: missing unit in duration \"15\"");
    }

    [SkippableFact]
    public async Task SessionCreate_LockDelayNotADuration_Returns400()
    {
        using var response = await PutJsonAsync("v1/session/create", """{"LockDelay":"soon"}""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldBe("Request decode failed: time: invalid duration \"soon\"");
    }

    [SkippableFact]
    public async Task SessionCreate_TtlAsNumber_Returns400CannotUnmarshal()
    {
        using var response = await PutJsonAsync("v1/session/create", """{"TTL":15}""");

        (await ExpectStatusAsync(response, HttpStatusCode.BadRequest)).ShouldStartWith("Request decode failed: json: cannot unmarshal number into Go struct field");
    }

    [SkippableFact]
    public async Task SessionCreate_UnknownNode_Returns500MissingNodeRegistration()
    {
        using var response = await PutJsonAsync("v1/session/create", $$$"""{"Node":"{{{Unique("node")}}}"}""");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldEndWith("Missing node registration");
    }

    [SkippableFact]
    public async Task SessionCreate_UnknownCheck_Returns500MissingCheckRegistration()
    {
        var check = Unique("chk");

        using var response = await PutJsonAsync("v1/session/create", $$$"""{"Checks":["{{{check}}}"]}""");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldEndWith($"Missing check '{check}' registration");
    }

    [SkippableFact]
    public async Task SessionCreate_UnknownBehavior_Returns500()
    {
        using var response = await PutJsonAsync("v1/session/create", """{"Behavior":"explode"}""");

        (await ExpectStatusAsync(response, HttpStatusCode.InternalServerError)).ShouldBe("Invalid Behavior setting 'explode'");
    }
}
