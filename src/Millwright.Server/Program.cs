using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Jobs;
using Millwright.Server.Persistence;

var builder = WebApplication.CreateBuilder(args);
var options = MillwrightOptions.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApiErrors();
builder.Services.AddApiJson();
builder.Services.AddApiDocs();
builder.Services.AddPersistence(options);
builder.Services.AddAuth();
builder.Services.AddSingleton<Millwright.Server.Features.Secrets.CredentialProtector>();
builder.Services.AddScoped<Millwright.Server.Features.Accounts.AccountProvisioning>();
builder.Services.AddJobs(options);
builder.Services.AddSync();

var app = builder.Build();
app.UseApiErrors();
app.MapApiDocs();
app.MapHealthEndpoints();
app.MapSyncEndpoints();
app.Run();

public partial class Program;
