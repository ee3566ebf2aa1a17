namespace ConsulAlerts.Tests.Notifications.Aws;

/// <summary>
/// AWS's Signature Version 4 test suite (the 2015 <c>aws-sig-v4-test-suite</c>): credentials <c>AKIDEXAMPLE</c>,
/// region <c>us-east-1</c>, service <c>service</c>, <c>20150830T123600Z</c>, host <c>example.amazonaws.com</c>.
/// Expected texts copied from the suite's <c>.creq</c>, <c>.sts</c> and <c>.authz</c> files. Left out: the cases that
/// need a raw HTTP parser (multi-line header values) and <c>post-sts-header-after</c> (the token added after signing).
/// </summary>
internal static class SigV4TestSuite
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string Service = "service";
    public const string Host = "example.amazonaws.com";
    public const string Scope = "20150830/us-east-1/service/aws4_request";
    public const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    public static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private const string Unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string HostAndDate = "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n";
    private const string VanillaHash = "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63";
    private const string VanillaSignature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    private const string PostVanillaHash = "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87";
    private const string PostVanillaSignature = "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b";
    private const string FormHash = "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e";

    public static IReadOnlyDictionary<string, SigV4TestSuiteVector> Vectors { get; } = new Dictionary<string, SigV4TestSuiteVector>(StringComparer.Ordinal)
    {
        ["get-header-key-duplicate"] = new("GET", "/", ["My-Header1:value2", "My-Header1:value2", "My-Header1:value1"], "",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + EmptyHash,
            "dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c", "host;my-header1;x-amz-date",
            "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        ["get-header-value-order"] = new("GET", "/", ["My-Header1:value4", "My-Header1:value1", "My-Header1:value3", "My-Header1:value2"], "",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + EmptyHash,
            "31ce73cd3f3d9f66977ad3dd957dc47af14df92fcd8509f59b349e9137c58b86", "host;my-header1;x-amz-date",
            "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"),
        ["get-header-value-trim"] = new("GET", "/", ["My-Header1: value1", "My-Header2: \"a   b   c\""], "",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" + EmptyHash,
            "a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7", "host;my-header1;my-header2;x-amz-date",
            "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        ["get-unreserved"] = new("GET", "/" + Unreserved, [], "",
            "GET\n/" + Unreserved + "\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9", "host;x-amz-date",
            "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        ["get-utf8"] = new("GET", "/\u1234", [], "",
            "GET\n/%E1%88%B4\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102", "host;x-amz-date",
            "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
        ["get-vanilla"] = new("GET", "/", [], "",
            "GET\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, VanillaHash, "host;x-amz-date", VanillaSignature),
        ["get-vanilla-query"] = new("GET", "/?", [], "",
            "GET\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, VanillaHash, "host;x-amz-date", VanillaSignature),
        ["get-vanilla-empty-query-key"] = new("GET", "/?Param1=value1", [], "",
            "GET\n/\nParam1=value1\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "1e24db194ed7d0eec2de28d7369675a243488e08526e8c1c73571282f7c517ab", "host;x-amz-date",
            "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"),
        ["get-vanilla-query-order-key"] = new("GET", "/?Param1=value2&Param1=Value1", [], "",
            "GET\n/\nParam1=Value1&Param1=value2\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89", "host;x-amz-date",
            "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        ["get-vanilla-query-order-key-case"] = new("GET", "/?Param2=value2&Param1=value1", [], "",
            "GET\n/\nParam1=value1&Param2=value2\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0", "host;x-amz-date",
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        ["get-vanilla-query-order-value"] = new("GET", "/?Param1=value2&Param1=value1", [], "",
            "GET\n/\nParam1=value1&Param1=value2\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "c968629d70850097a2d8781c9bf7edcb988b04cac14cca9be4acc3595f884606", "host;x-amz-date",
            "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"),
        ["get-vanilla-query-unreserved"] = new("GET", "/?" + Unreserved + "=" + Unreserved, [], "",
            "GET\n/\n" + Unreserved + "=" + Unreserved + "\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177", "host;x-amz-date",
            "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        ["get-vanilla-utf8-query"] = new("GET", "/?\u1234=bar", [], "",
            "GET\n/\n%E1%88%B4=bar\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073", "host;x-amz-date",
            "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        ["normalize-path/get-relative"] = new("GET", "/example/..", [], "",
            "GET\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, VanillaHash, "host;x-amz-date", VanillaSignature),
        ["normalize-path/get-relative-relative"] = new("GET", "/example1/example2/../..", [], "",
            "GET\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, VanillaHash, "host;x-amz-date", VanillaSignature),
        ["normalize-path/get-slash"] = new("GET", "//", [], "",
            "GET\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, VanillaHash, "host;x-amz-date", VanillaSignature),
        ["normalize-path/get-slash-dot-slash"] = new("GET", "/./", [], "",
            "GET\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, VanillaHash, "host;x-amz-date", VanillaSignature),
        ["normalize-path/get-slash-pointless-dot"] = new("GET", "/./example", [], "",
            "GET\n/example\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702", "host;x-amz-date",
            "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5"),
        ["normalize-path/get-slashes"] = new("GET", "//example//", [], "",
            "GET\n/example/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015", "host;x-amz-date",
            "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        ["normalize-path/get-space"] = new("GET", "/example space/", [], "",
            "GET\n/example%20space/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86", "host;x-amz-date",
            "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        ["post-header-key-case"] = new("POST", "/", [], "",
            "POST\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, PostVanillaHash, "host;x-amz-date", PostVanillaSignature),
        ["post-header-key-sort"] = new("POST", "/", ["My-Header1:value1"], "",
            "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + EmptyHash,
            "9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65", "host;my-header1;x-amz-date",
            "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        ["post-header-value-case"] = new("POST", "/", ["My-Header1:VALUE1"], "",
            "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + EmptyHash,
            "d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93", "host;my-header1;x-amz-date",
            "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"),
        ["post-sts-token/post-sts-header-before"] = new("POST", "/", [], "",
            "POST\n/\n\n" + HostAndDate + "x-amz-security-token:" + SessionToken + "\n\nhost;x-amz-date;x-amz-security-token\n" + EmptyHash,
            "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6", "host;x-amz-date;x-amz-security-token",
            "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead", SessionToken: true),
        ["post-vanilla"] = new("POST", "/", [], "",
            "POST\n/\n\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash, PostVanillaHash, "host;x-amz-date", PostVanillaSignature),
        ["post-vanilla-empty-query-value"] = new("POST", "/?Param1=value1", [], "",
            "POST\n/\nParam1=value1\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd", "host;x-amz-date",
            "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        ["post-vanilla-query"] = new("POST", "/?Param1=value1", [], "",
            "POST\n/\nParam1=value1\n" + HostAndDate + "\nhost;x-amz-date\n" + EmptyHash,
            "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd", "host;x-amz-date",
            "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        ["post-x-www-form-urlencoded"] = new("POST", "/", ["Content-Type:application/x-www-form-urlencoded"], "Param1=value1",
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\n" + HostAndDate + "\ncontent-type;host;x-amz-date\n" + FormHash,
            "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281", "content-type;host;x-amz-date",
            "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        ["post-x-www-form-urlencoded-parameters"] = new("POST", "/", ["Content-Type:application/x-www-form-urlencoded; charset=utf8"], "Param1=value1",
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf8\n" + HostAndDate + "\ncontent-type;host;x-amz-date\n" + FormHash,
            "2e1cf7ed91881a30569e46552437e4156c823447bf1781b921b5d486c568dd1c", "content-type;host;x-amz-date",
            "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"),
    };
}
