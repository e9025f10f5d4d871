using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Webhooks;
using StandardWebhooks;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>The server's signatures against the StandardWebhooks library and the SDK's verifier.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly string First = WebhookSecrets.NewSecret(), Second = WebhookSecrets.NewSecret();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Sign_TwoSecrets_StandardWebhooksVerifiesWithEither(int which)
    {
        var (body, headers) = Signed([First, Second], TimeProvider.System.GetUtcNow());

        new StandardWebhook(which == 0 ? First : Second).Verify(body, headers);
    }

    [Fact]
    public void Sign_OtherSecret_StandardWebhooksRefuses()
    {
        var (body, headers) = Signed([First], TimeProvider.System.GetUtcNow());

        Assert.ThrowsAny<Exception>(() => new StandardWebhook(Second).Verify(body, headers));
    }

    [Fact]
    public void Verify_ValidSecondSignature_ReturnsEvent()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var (body, headers) = Signed([First, Second], time.GetUtcNow());

        var parsed = new WebhookVerifier(Second, time: time).Verify(body, h => headers[h]);

        Assert.Equal("evt_1", parsed.Id);
        Assert.Equal("sync.completed", parsed.Type);
    }

    [Fact]
    public void Verify_TamperedBodyStaleTimestampOrWrongSecret_Throws()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var (body, headers) = Signed([First], time.GetUtcNow());
        var verifier = new WebhookVerifier(First, TimeSpan.FromMinutes(5), time);

        Assert.Throws<Millwright.Client.Webhooks.WebhookVerificationException>(() => verifier.Verify(body.Replace("completed", "failed"), h => headers[h]));
        Assert.Throws<Millwright.Client.Webhooks.WebhookVerificationException>(() => new WebhookVerifier(Second, time: time).Verify(body, h => headers[h]));
        Assert.Throws<Millwright.Client.Webhooks.WebhookVerificationException>(() => verifier.Verify(body, h => h == "webhook-signature" ? null : (string?)headers[h]));
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Throws<Millwright.Client.Webhooks.WebhookVerificationException>(() => verifier.Verify(body, h => headers[h]));
    }

    [Fact]
    public void Sign_SdkHelper_MatchesServerSignature()
    {
        var at = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var (body, headers) = Signed([First], at);

        Assert.Equal(headers["webhook-signature"].ToString(), WebhookVerifier.Sign(First, "evt_1", at, body));
    }

    private static (string Body, HeaderDictionary Headers) Signed(IReadOnlyList<string> secrets, DateTimeOffset at)
    {
        const string body = """{"id":"evt_1","type":"sync.completed","created_at":"2026-05-01T08:00:00Z","connection_id":null,"data":{}}""";
        var timestamp = at.ToUnixTimeSeconds();
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "evt_1",
            ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSender.Sign(secrets, "evt_1", timestamp, Encoding.UTF8.GetBytes(body)),
        };
        return (body, headers);
    }
}
