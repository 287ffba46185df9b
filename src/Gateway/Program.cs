using OrleansSessions.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmbeddedSilo();
builder.AddSessionsApi();

var app = builder.Build();
app.MapSessionsApi();
app.Run();

/// <summary>The gateway's entry point, visible to the tests that host it.</summary>
public partial class Program;
