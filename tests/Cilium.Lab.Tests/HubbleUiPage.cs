using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Cilium.Lab.Tests;

/// <summary>
/// The Hubble UI in Debian's headless Chromium, driven through Debian's chromedriver (scripts/prereqs.sh installs
/// both; nothing is downloaded). <see cref="SnapshotAsync"/> reads what a user sees: map nodes, edges and their
/// stroke colour, and the rows of the flow table with their text colour.
/// </summary>
public sealed class HubbleUiPage : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    private const string ReadPage = """
        const map = [...document.querySelectorAll('#map g.node')].map(g => g.dataset.id);
        const edges = [...document.querySelectorAll('#map line.edge')].map(l => ({ from: l.dataset.from, to: l.dataset.to, drops: Number(l.dataset.drops), stroke: getComputedStyle(l).stroke }));
        const rows = [...document.querySelectorAll('#flows tbody tr')].map(r => ({ verdict: r.dataset.verdict, text: r.textContent, color: getComputedStyle(r.cells[0]).color }));
        return JSON.stringify({ nodes: map, edges, rows, state: document.getElementById('state').textContent });
        """;

    private readonly string _profile;
    private readonly ChromeDriver _driver;

    public HubbleUiPage(string url)
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            throw new InvalidOperationException($"the UI test needs {Chromium} and {ChromeDriver} (Debian's chromium and chromium-driver): run scripts/prereqs.sh");
        }
        _profile = Directory.CreateTempSubdirectory("hubble-ui-test-").FullName;
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        // Root in a container-like machine: no sandbox; /dev/shm may be small.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000", $"--user-data-dir={_profile}");
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        _driver.Navigate().GoToUrl(url);
    }

    public UiSnapshot Snapshot()
    {
        var json = (string)((IJavaScriptExecutor)_driver).ExecuteScript(ReadPage)!;
        return JsonSerializer.Deserialize<UiSnapshot>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Polls the page until <paramref name="done"/> holds or the time is up; returns the last snapshot either way.</summary>
    public async Task<UiSnapshot> SnapshotAsync(Func<UiSnapshot, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var snapshot = Snapshot();
        while (!done(snapshot) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            snapshot = Snapshot();
        }
        return snapshot;
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}

public sealed record UiSnapshot(IReadOnlyList<string> Nodes, IReadOnlyList<UiEdge> Edges, IReadOnlyList<UiRow> Rows, string State);

public sealed record UiEdge(string From, string To, int Drops, string Stroke);

public sealed record UiRow(string Verdict, string Text, string Color);
