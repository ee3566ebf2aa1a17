using System.Text;
using ConsulAlerts.DevAgent.Agent;
using ConsulAlerts.DevAgent.Http;
using ConsulAlerts.DevAgent.Sessions;
using ConsulAlerts.DevAgent.Txn;

namespace ConsulAlerts.Tests.DevAgent.Http;

public sealed class StrictJsonDecoderTests
{
    private static ConsulHttpException Refused<T>(string json, bool disallowUnknown = true, string prefix = "Request decode failed")
        where T : class =>
        Should.Throw<ConsulHttpException>(() => StrictJsonDecoder.Decode<T>(Encoding.UTF8.GetBytes(json), prefix, "structs.X", disallowUnknown));

    [Theory]
    [InlineData("", "Request decode failed: EOF")]
    [InlineData("  \n", "Request decode failed: EOF")]
    [InlineData("{\"Name\":", "Request decode failed: unexpected EOF")]
    [InlineData("[1]", "Request decode failed: json: cannot unmarshal array into Go value of type structs.X")]
    [InlineData("{\"Name\":\"c\",\"CheckID\":\"c\"}", "Request decode failed: json: unknown field \"CheckID\"")]
    [InlineData("{\"Name\":\"c\",\"Output\":\"o\"}", "Request decode failed: json: unknown field \"Output\"")]
    [InlineData("{\"Name\":7}", "Request decode failed: json: cannot unmarshal number into Go struct field .Name of type string")]
    [InlineData("{\"Name\":\"c\",\"Args\":\"ls\"}", "Request decode failed: json: cannot unmarshal string into Go struct field .Args of type []string")]
    [InlineData("{\"Name\":\"c\",\"TLSSkipVerify\":\"yes\"}", "Request decode failed: json: cannot unmarshal string into Go struct field .TLSSkipVerify of type bool")]
    public void Decode_CheckDefinitionConsulRefuses_400InGosWords(string json, string message)
    {
        var refused = Refused<AgentCheckRegistration>(json);

        refused.StatusCode.ShouldBe(400);
        refused.Message.ShouldBe(message);
    }

    [Fact]
    public void Decode_NamesInAnyCaseAndSnakeCaseAliases_MapToTheFields()
    {
        var check = StrictJsonDecoder.Decode<AgentCheckRegistration>(
            Encoding.UTF8.GetBytes("""{"name":"c","ID":"id","service_id":"web","script_args":["/bin/true"],"tls_skip_verify":true,"Interval":"10s"}"""),
            "Request decode failed",
            "structs.CheckDefinition",
            disallowUnknown: true);

        check.Name.ShouldBe("c");
        check.ServiceID.ShouldBe("web");
        check.Args.ShouldBe(["/bin/true"]);
        check.TLSSkipVerify.ShouldBeTrue();
    }

    [Fact]
    public void Decode_UnknownFieldInNestedServiceCheck_IsRefused()
    {
        var refused = Refused<AgentServiceRegistration>("""{"Name":"web","Checks":[{"TTL":"10s"},{"ID":"x","TTL":"10s"}]}""");

        refused.Message.ShouldBe("Request decode failed: json: unknown field \"ID\"");
    }

    [Fact]
    public void Decode_UnknownFieldWhereAllowed_IsIgnored()
    {
        var session = StrictJsonDecoder.Decode<SessionCreateRequest>(Encoding.UTF8.GetBytes("""{"Name":"s","Colour":"red"}"""), "Request decode failed", "structs.SessionRequest", disallowUnknown: false);

        session.Name.ShouldBe("s");
    }

    [Theory]
    [InlineData("not base64!", "Failed to parse body: illegal base64 data at input byte 3")]
    [InlineData("YQ", "Failed to parse body: illegal base64 data at input byte 2")]
    [InlineData("YQ= =", "Failed to parse body: illegal base64 data at input byte 3")]
    public void Decode_TxnValueNotBase64_NamesTheFirstBadByte(string value, string message)
    {
        var refused = Refused<List<TxnOp>>($$$"""[{"KV":{"Verb":"set","Key":"k","Value":"{{{value}}}"}}]""", prefix: "Failed to parse body");

        refused.Message.ShouldBe(message);
    }
}
