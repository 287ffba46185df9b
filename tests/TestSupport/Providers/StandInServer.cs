using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansSessions.TestSupport.Providers;

/// <summary>
/// A small web server of a test's own on a loopback port, playing an outside party. <see cref="Fault"/> makes every
/// answer fail the way an outage does: <c>500</c>, <c>slow</c> (30 s), <c>redirect</c>, <c>malformed</c> (not JSON).
/// </summary>
public abstract class StandInServer : Xunit.IAsyncLifetime
{
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public string? Fault { get; set; }

    protected abstract void Map(WebApplication app);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (Fault is null)
            {
                await next(context);
            }
            else
            {
                await FailAsync(context, Fault);
            }
        });
        Map(_app);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    protected static async Task FailAsync(HttpContext context, string fault)
    {
        switch (fault)
        {
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { });
                break;
            case "redirect":
                context.Response.Redirect("https://elsewhere.example/");
                break;
            case "malformed":
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{not json");
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
        }
    }
}
