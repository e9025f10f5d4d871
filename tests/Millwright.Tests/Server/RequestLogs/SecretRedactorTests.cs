using System.Text;
using Millwright.Server.Features.RequestLogs;

namespace Millwright.Tests.Server.RequestLogs;

public sealed class SecretRedactorTests
{
    private const string Token = "mw_live_ct_Q2hhbmdlVGhpc1NlY3JldFRva2VuMTIzNDU2Nzg5MA";

    [Theory]
    [InlineData("Authorization", "Bearer " + Token, "Bearer ***")]
    [InlineData("Cookie", "session=" + Token, "***")]
    [InlineData("X-Api-Key", "abcdef123456", "***")]
    [InlineData("X-Auth-Token", "abcdef123456", "***")]
    [InlineData("Webhook-Signature", "v1,abcdef123456", "***")]
    [InlineData("Content-Type", "application/json", "application/json")]
    [InlineData("Idempotency-Key", "order-42", "order-42")]
    public void Headers_SecretLookingNames_AreMasked(string name, string value, string expected)
    {
        var json = SecretRedactor.Headers([new(name, value)]);

        Assert.Equal($"{{\"{name.ToLowerInvariant()}\":\"{expected}\"}}", json);
    }

    [Fact]
    public void Body_CompleteJson_MasksSecretMembersCredentialsAndTokensAnywhere()
    {
        var body = $$"""{"system":"maintainx","settings":{"base_url":"https://x.example"},"credentials":{"username":"ops","password":"hunter2-long"},"client_secret":"cs-123456789","note":"use {{Token}}","items":[{"api_key":"k-123456789"}],"token_id":"tok_1"}""";

        var redacted = SecretRedactor.Body(Encoding.UTF8.GetBytes(body), truncated: false, [])!;

        Assert.DoesNotContain("hunter2-long", redacted);
        Assert.DoesNotContain("ops", redacted);
        Assert.DoesNotContain("cs-123456789", redacted);
        Assert.DoesNotContain("k-123456789", redacted);
        Assert.DoesNotContain(Token, redacted);
        Assert.Contains("\"base_url\":\"https://x.example\"", redacted);
        Assert.Contains("\"token_id\":\"tok_1\"", redacted);
        Assert.Contains("mw_live_ct_***", redacted);
    }

    [Fact]
    public void Body_Truncated_MasksByPatternIncludingAnOpenCredentialsObject()
    {
        var body = """{"system":"maintainx","password":"hunter2-long","credentials":{"api_key":"k-1234567""";

        var redacted = SecretRedactor.Body(Encoding.UTF8.GetBytes(body), truncated: true, ["known-secret-value"])!;

        Assert.DoesNotContain("hunter2-long", redacted);
        Assert.DoesNotContain("k-1234567", redacted);
        Assert.Contains("\"system\":\"maintainx\"", redacted);
    }

    [Fact]
    public void Body_KnownSecretInPlainText_IsMasked()
    {
        var redacted = SecretRedactor.Body(Encoding.UTF8.GetBytes("echo known-secret-value please"), truncated: false, ["known-secret-value"]);

        Assert.Equal("echo *** please", redacted);
    }

    [Fact]
    public void Query_SensitiveParameters_AreMasked()
    {
        Assert.Equal("limit=5&api_key=***&access_token=***&cursor=abc", SecretRedactor.Query("limit=5&api_key=s3cr3t&access_token=t0k3n&cursor=abc"));
    }
}
