using Millwright.Connectors.Http;

namespace Millwright.Tests.Connectors.Http;

public sealed class RedactionTests
{
    [Theory]
    [InlineData("https://user:pw@api.example.com/v1/workorders?limit=5&cursor=abc", "https://api.example.com/v1/workorders?limit=5&cursor=abc")]
    [InlineData("https://api.example.com/v1/x?api_key=s3cr3t&limit=1", "https://api.example.com/v1/x?api_key=***&limit=1")]
    [InlineData("https://api.example.com/v1/x?access_token=s3cr3t", "https://api.example.com/v1/x?access_token=***")]
    [InlineData("http://127.0.0.1:5080/sandbox/v1/users?Signature=abc&flag", "http://127.0.0.1:5080/sandbox/v1/users?Signature=***&flag")]
    public void Url_RemovesUserInfoAndSensitiveQueryValues(string url, string expected)
    {
        Assert.Equal(expected, Redaction.Url(new Uri(url)));
    }

    [Fact]
    public void Scrub_MasksEverySecretAndCutsLongText()
    {
        var text = Redaction.Scrub("token abcd1234 is invalid for abcd1234", ["abcd1234", "x"]);
        var cut = Redaction.Scrub(new string('a', 500), [], maxLength: 10);

        Assert.Equal("token *** is invalid for ***", text);
        Assert.Equal(11, cut.Length);
    }
}
