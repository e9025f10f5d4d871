using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

var builder = WebApplication.CreateBuilder(args);
var options = MillwrightOptions.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPersistence(options);

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
app.Run();

public partial class Program;
