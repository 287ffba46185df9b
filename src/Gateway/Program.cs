using OrleansSessions.Gateway.Startup;
using OrleansSessions.Hosting;

return await StartupFailure.RunAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    await builder.AddSessionsClusterAsync();
    builder.AddSessionsApi();

    var app = builder.Build();
    app.MapSessionsApi();
    await app.RunAsync();
});

/// <summary>The gateway's entry point, visible to the tests that host it.</summary>
public partial class Program;
