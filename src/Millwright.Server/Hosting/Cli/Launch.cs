using System.CommandLine;

namespace Millwright.Server.Hosting.Cli;

/// <summary>
/// The command line: <c>millwright [serve]</c> runs the server, <c>millwright demo</c> runs it with the
/// sandbox demo set up (account, connection, first sync) and prints working credentials. Tokens the
/// parser does not know (ASP.NET's own <c>--urls</c>, <c>--environment</c>, test-host arguments) are
/// passed through to the host unchanged.
/// </summary>
internal sealed record Launch(bool Demo, string[] HostArgs, int? ExitCode)
{
    public static Launch Parse(string[] args)
    {
        var data = new Option<string?>("--data") { Description = "Folder of the embedded store (default ./data)." };
        var serve = new Command("serve", "Run the Millwright server (default).") { TreatUnmatchedTokensAsErrors = false };
        var demo = new Command("demo", "Run the server with every sandbox connected and synced, and print working credentials.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var root = new RootCommand("Millwright: one API for industrial maintenance systems.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        foreach (var command in new[] { serve, demo })
        {
            command.Add(data);
            root.Add(command);
        }

        root.Add(data);
        string? chosen = null;
        foreach (var command in new[] { root, serve, demo })
        {
            command.SetAction(_ => chosen = command.Name);
        }

        var result = root.Parse(args);
        var exit = result.Invoke();
        if (chosen is null)
        {
            // --help, --version or a parse error: the parser has already printed what to say.
            return new Launch(false, [], exit);
        }

        var hostArgs = new List<string>(result.UnmatchedTokens);
        if (result.GetValue(data) is { Length: > 0 } folder)
        {
            hostArgs.Add($"--Millwright:DataDirectory={folder}");
        }

        return new Launch(chosen == "demo", [.. hostArgs], null);
    }
}
