using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Fiix;

namespace Millwright.Tests.Sandbox.Fiix;

/// <summary>
/// One Fiix sandbox on a real loopback Kestrel per test class, seeded small. Its fake clock starts at the
/// real time, because the signature check compares a request's timestamp with the server clock.
/// </summary>
public sealed class FiixSandboxFixture : IAsyncLifetime
{
    private FiixSandboxHost? host;

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public FiixSandboxHost Host => host ?? throw new InvalidOperationException("Not started.");

    public FiixSandbox Sandbox => Host.Sandbox;

    public static FiixSandboxSettings Small() => new() { WorkOrderCount = 240, AssetCount = 40 };

    public FiixTestClient Client() => new(Host.ApiUrl, Time);

    public async Task InitializeAsync() => host = await FiixSandboxHost.StartAsync(Small(), Time);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>
/// A test-side Fiix client, written from the published description rather than from the sandbox's code:
/// the URL parameters in the SDKs' order, and the signature computed with an HMAC built here from SHA-256
/// (RFC 2104), so the sandbox's check is compared with an independent computation.
/// </summary>
public sealed class FiixTestClient(Uri apiUrl, TimeProvider time)
{
    private static readonly HttpClient Http = new();

    public string AppKey { get; init; } = FiixSandboxSettings.DemoAppKey;

    public string AccessKey { get; init; } = FiixSandboxSettings.DemoAccessKey;

    public string SecretKey { get; init; } = FiixSandboxSettings.DemoSecretKey;

    /// <summary>Moves the request's timestamp away from the client clock (clock skew).</summary>
    public TimeSpan Skew { get; init; }

    /// <summary>The URL, without scheme, as the SDKs sign it.</summary>
    public string SignedUrl(string action, long timestamp) =>
        $"{apiUrl.Authority}{apiUrl.AbsolutePath}?action={action}&service=cmms&accessKey={AccessKey}&appKey={AppKey}&timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}&signatureVersion=1&signatureMethod=HmacSHA256";

    public static string Hmac(string key, string message)
    {
        const int block = 64;
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (keyBytes.Length > block)
        {
            keyBytes = SHA256.HashData(keyBytes);
        }

        var padded = new byte[block];
        keyBytes.CopyTo(padded, 0);
        var inner = padded.Select(b => (byte)(b ^ 0x36)).Concat(Encoding.UTF8.GetBytes(message)).ToArray();
        var outer = padded.Select(b => (byte)(b ^ 0x5c)).Concat(SHA256.HashData(inner)).ToArray();
        return string.Concat(SHA256.HashData(outer).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>Sends <paramref name="message"/> signed; <paramref name="tamper"/> may change the URL after signing.</summary>
    public async Task<JsonObject> SendAsync(JsonObject message, Func<string, string>? tamper = null, string? signature = null)
    {
        var action = (string)message["_maCn"]!;
        var timestamp = (time.GetUtcNow() + Skew).ToUnixTimeMilliseconds();
        var signed = SignedUrl(action, timestamp);
        var sent = tamper?.Invoke(signed) ?? signed;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{apiUrl.Scheme}://{sent}")
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", signature ?? Hmac(SecretKey, signed));
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action} answered HTTP {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static JsonObject Find(string className, string? fields = null, string? ql = null, JsonArray? parameters = null,
        string? orderBy = null, int? startIndex = null, int? maxObjects = null)
    {
        var message = new JsonObject { ["_maCn"] = "FindRequest", ["clientVersion"] = new JsonObject { ["major"] = 2, ["minor"] = 6, ["patch"] = 3 }, ["className"] = className };
        if (fields is not null)
        {
            message["fields"] = fields;
        }

        if (ql is not null)
        {
            message["filters"] = new JsonArray(new JsonObject { ["ql"] = ql, ["parameters"] = parameters ?? [] });
        }

        if (orderBy is not null)
        {
            message["orderBy"] = orderBy;
        }

        if (startIndex is not null)
        {
            message["startIndex"] = startIndex;
        }

        if (maxObjects is not null)
        {
            message["maxObjects"] = maxObjects;
        }

        return message;
    }

    /// <summary>Every object of <paramref name="className"/> (all declared fields).</summary>
    public async Task<List<JsonObject>> AllAsync(string className, string? fields = null)
    {
        var response = await SendAsync(Find(className, fields, maxObjects: 100_000));
        Assert.Null(response["error"]);
        var objects = response["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();
        Assert.Equal((int)response["totalObjects"]!, objects.Count);
        return objects;
    }
}
