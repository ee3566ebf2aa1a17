using ConsulAlerts.Diagnostics;

namespace ConsulAlerts.Tests.Diagnostics;

public sealed class UrlTextTests
{
    [Theory]
    [InlineData("https://bot:pw@chat.example.com/team", "https://chat.example.com/team")]
    [InlineData("http://user@host:8500", "http://host:8500")]
    [InlineData("http://a:b@c@host/x?y=z@w", "http://host/x?y=z@w")]
    [InlineData("smtp://u:p@mail:25/ and http://x:y@h/", "smtp://mail:25/ and http://h/")]
    [InlineData("'http://u:p@h'", "'http://h'")]
    [InlineData("http://host/path@notuserinfo", "http://host/path@notuserinfo")]
    [InlineData("ops@example.com", "ops@example.com")]
    [InlineData("no url here", "no url here")]
    [InlineData("://", "://")]
    public void StripUserInfo_Text_RemovesCredentialsOfEveryUrl(string text, string expected) =>
        UrlText.StripUserInfo(text).ShouldBe(expected);

    [Fact]
    public void StripUserInfo_Uri_RemovesCredentials() =>
        UrlText.StripUserInfo(new Uri("https://u:p@example.com:8443/a")).ShouldBe("https://example.com:8443/a");
}
