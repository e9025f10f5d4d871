using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connect;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Dashboard;
using Millwright.Server.Features.Keys;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Features.RateLimits;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Features.Retention;
using Millwright.Server.Features.Sandboxes;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Features.Status;
using Millwright.Server.Features.Sync;
using Millwright.Server.Features.Systems;
using Millwright.Server.Features.Webhooks;
using Millwright.Server.Features.Writes;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Cli;
using Millwright.Server.Hosting.Demo;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Jobs;
using Millwright.Server.Hosting.Modules;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

var launch = Launch.Parse(args);
if (launch.ExitCode is { } exitCode)
{
    return exitCode;
}

if (launch.Operator is { } operatorCommand)
{
    return await operatorCommand(launch.HostArgs, Console.Out);
}

// Content root = the executable's folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = launch.HostArgs, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddRequestLineFilters();
var options = MillwrightOptions.FromConfiguration(builder.Configuration);
if (!PublicUrl.IsValid(options.PublicUrl))
{
    throw new InvalidOperationException("Millwright:PublicUrl must be an absolute http(s) URL without query or fragment, e.g. https://millwright.example.com.");
}

builder.Services.AddSingleton(options);
builder.Services.AddSingleton<PublicUrl>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApiErrors();
builder.Services.AddApiJson();
builder.Services.AddApiDocs();
builder.Services.AddPersistence(options);
builder.Services.AddAuth();
builder.Services.AddAudit();
builder.Services.AddAuditRetention();
builder.Services.AddRateLimits(options);
builder.Services.AddVendorModules();
builder.Services.AddSecrets();
builder.Services.AddAccounts();
builder.Services.AddConnectionsApi();
builder.Services.AddJobs(options);
builder.Services.AddSync();
builder.Services.AddRecords();
builder.Services.AddWrites();
builder.Services.AddMappings();
builder.Services.AddRequestLogs();
builder.Services.AddStatusPage();
builder.Services.AddWebhooks();
builder.Services.AddKeys();
builder.Services.AddConnect();
builder.Services.AddDashboard();
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddRetention();

if (launch.Demo)
{
    builder.AddDemo();
}

var app = builder.Build();

// Routing runs first, as it would implicitly; only an account's own sandbox is looked up (or created) before it.
if (options.SandboxEnabled)
{
    app.UseSandboxTenants();
}

app.UseRouting();
app.UseSecurityHeaders();
app.UseRequestLogs();
app.UseApiErrors();
app.UseBearerAuthentication();
app.UseRateLimits();
app.MapSystemsEndpoints();
app.MapConnectionsEndpoints();
app.MapApiDocs();
app.MapHealthEndpoints();
app.MapTelemetry();
app.MapRecordEndpoints();
app.MapWritesEndpoints();
app.MapSyncEndpoints();
app.MapRateLimitEndpoints();
app.MapMappingsEndpoints();
app.MapRequestLogEndpoints();
app.MapStatusEndpoints();
app.MapWebhookEndpoints();
app.MapKeysEndpoints();
app.MapAuditEndpoints();
app.MapConnectEndpoints();
app.MapDashboard();
app.MapSandboxEndpoints();
if (options.SandboxEnabled)
{
    app.MapSandboxes(options);
}

await app.RunAsync();
return 0;

public partial class Program;
