using Millwright.Server.Features.Auth;

namespace Millwright.Tests.Server.Auth;

public sealed class BearerSecretsTests
{
    [Fact]
    public void Checksum_StandardCheckValue_IsCrc32InSixBase62Digits()
    {
        // "123456789" is CRC-32's published check input: 0xCBF43926 = 3421780262 = "3jZRME" in base62.
        Assert.Equal("3jZRME", BearerSecrets.Checksum("123456789"));
    }

    [Theory]
    [InlineData("test", BearerSecrets.SecretKeyKind)]
    [InlineData("live", BearerSecrets.ConnectionTokenKind)]
    public void New_Always_ParsesBackWithItsChecksum(string environment, string kind)
    {
        var secret = BearerSecrets.New(environment, kind);

        Assert.Matches($"^mw_{environment}_{kind}_[0-9A-Za-z]{{49}}$", secret);
        Assert.Equal(BearerSecrets.Checksum(secret[..^6]), secret[^6..]);
        Assert.True(BearerSecrets.TryParse(secret, out var parsedEnvironment, out var parsedKind));
        Assert.Equal((environment, kind), (parsedEnvironment, parsedKind));
    }

    [Fact]
    public void TryParse_OneCharacterChangedOrWrongShape_IsRefused()
    {
        var secret = BearerSecrets.New("test", BearerSecrets.SecretKeyKind);
        var position = 20;
        var changed = secret[..position] + (secret[position] == 'a' ? 'b' : 'a') + secret[(position + 1)..];

        Assert.False(BearerSecrets.TryParse(changed, out _, out _));
        Assert.False(BearerSecrets.TryParse(secret[..^1], out _, out _));
        Assert.False(BearerSecrets.TryParse(secret.Replace("mw_test_", "mw_live_", StringComparison.Ordinal), out _, out _));
        Assert.False(BearerSecrets.TryParse("mw_test_sk_" + new string('x', 43), out _, out _));
        Assert.False(BearerSecrets.TryParse(secret[..^7] + "-" + secret[^6..], out _, out _));
    }
}
