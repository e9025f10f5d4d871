using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

var builder = WebApplication.CreateBuilder(args);
var options = MillwrightOptions.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApiErrors();
builder.Services.AddApiJson();
builder.Services.AddPersistence(options);
builder.Services.AddAuth();
builder.Services.AddMillwrightConnectors();
builder.Services.AddSingleton<Millwright.Server.Features.Secrets.CredentialProtector>();
builder.Services.AddScoped<Millwright.Server.Features.Accounts.AccountProvisioning>();

var app = builder.Build();
app.UseApiErrors();
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
app.Run();

public partial class Program;
