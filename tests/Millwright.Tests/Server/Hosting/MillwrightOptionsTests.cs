using Microsoft.Extensions.Configuration;
using Millwright.Server.Hosting;

namespace Millwright.Tests.Server.Hosting;

public sealed class MillwrightOptionsTests
{
    [Fact]
    public void FromConfiguration_CommandLineDataAndShortVariable_CommandLineWins()
    {
        var options = Options(("MILLWRIGHT_DATA", "/from-env"), ("Millwright:DataDirectory", "/from-flag"));
        Assert.Equal("/from-flag", options.DataDirectory);
    }

    [Fact]
    public void FromConfiguration_OnlyShortVariables_TheyApply()
    {
        var options = Options(("MILLWRIGHT_DATA", "/from-env"), ("MILLWRIGHT_DATABASE", "Host=db"), ("MILLWRIGHT_ENCRYPTION_KEY", "a2V5"));
        Assert.Equal("/from-env", options.DataDirectory);
        Assert.Equal("Host=db", options.Database);
        Assert.True(options.UsesPostgres);
        Assert.Equal("a2V5", options.EncryptionKey);
    }

    [Fact]
    public void FromConfiguration_Nothing_EmbeddedDefaults()
    {
        var options = Options();
        Assert.Equal("data", options.DataDirectory);
        Assert.False(options.UsesPostgres);
        Assert.True(options.SandboxEnabled);
    }

    private static MillwrightOptions Options(params (string Key, string Value)[] values) =>
        MillwrightOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());
}
