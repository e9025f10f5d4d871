using Microsoft.Playwright;

namespace Millwright.Tests.Support;

/// <summary>
/// Headless Chromium driven by Playwright, one per test class. Never a downloaded browser: Debian's
/// <c>chromium</c> package at /usr/bin/chromium (test.sh installs it when missing). Each test takes a
/// fresh context, so cookies never leak between tests.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Instance { get; private set; } = null!;

    /// <summary>
    /// How long an action or an <c>Expect</c> waits for its condition before failing: generous, because a page
    /// navigation can take many seconds on a machine with a load average of 30 (issue 17), and a passing wait
    /// returns as soon as its condition holds. Playwright's own <c>Expect</c> default is 5 s.
    /// </summary>
    public const float WaitMs = 60_000;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium (test.sh does).");
        Assertions.SetDefaultExpectTimeout(WaitMs);
        playwright = await Playwright.CreateAsync();
        Instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Instance is not null)
        {
            await Instance.DisposeAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>A fresh context (own cookies) with one page, phone-sized or desktop.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, bool phone = false)
    {
        var context = await Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(WaitMs);
        return page;
    }
}

/// <summary>
/// Screenshots of the main pages: always into the test output, and into the folder named by
/// <c>MILLWRIGHT_SCREENSHOTS</c> when set (scripts/screenshots.sh sets it to docs/screenshots).
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("MILLWRIGHT_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(TestFolders.Root, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
