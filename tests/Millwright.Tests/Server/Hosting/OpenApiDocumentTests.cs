using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

/// <summary>
/// docs/openapi/v1.json is the served document, so every API change shows up in review as a diff of it.
/// Regenerate with <c>scripts/write-openapi.sh</c> (this test with <c>MILLWRIGHT_WRITE_OPENAPI=1</c>), then review the diff.
/// </summary>
public sealed class OpenApiDocumentTests(SharedHost host) : IClassFixture<SharedHost>
{
    /// <summary>The committed document names the demo's address; the served one names whatever address was asked.</summary>
    public const string CommittedServer = "http://127.0.0.1:5080";

    private static readonly string CommittedPath = RepositoryFiles.PathOf("docs", "openapi", "v1.json");

    [Fact]
    public async Task ServedDocument_Always_EqualsTheCommittedOne()
    {
        using var http = host.Server.Http();
        var served = Canonical(await http.GetStringAsync("/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable("MILLWRIGHT_WRITE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CommittedPath)!);
            await File.WriteAllTextAsync(CommittedPath, served);
        }

        var committed = File.Exists(CommittedPath) ? (await File.ReadAllTextAsync(CommittedPath)).ReplaceLineEndings("\n") : "";
        Assert.True(committed == served,
            "docs/openapi/v1.json differs from the served document: run scripts/write-openapi.sh and review the diff. First difference at character "
            + FirstDifference(committed, served) + ".");
    }

    /// <summary>Indented, with the committed server address, non-ASCII text kept readable, one newline at the end.</summary>
    public static string Canonical(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        root["servers"] = new JsonArray(new JsonObject { ["url"] = CommittedServer, ["description"] = "The demo (`dotnet run --project src/Millwright.Server -- demo`); use your own server's address." });
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return length;
    }
}
