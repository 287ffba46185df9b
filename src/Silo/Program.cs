using Microsoft.Extensions.Hosting;
using OrleansSessions.Grains;

// A standalone silo. Without cluster settings it is a development silo: localhost clustering (silo port 11111,
// gateway port 30000) and in-memory storage.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddMemoryGrainStorageAsDefault()
    .AddSessionGrains(builder.Configuration));
builder.Build().Run();
