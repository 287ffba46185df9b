using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Problems;

namespace OrleansSessions.Gateway.Realm;

/// <summary>
/// Writes every error of the Realm routes as Realm JSON (<see cref="RealmError"/>) instead of problem details: the same
/// failures, the same codes and statuses (the problem pipeline decides them), in the shape a Realm client parses.
/// Registered before the problem-details writer, so it wins on the Realm paths and nowhere else.
/// </summary>
public sealed class RealmErrorWriter(IOptions<ProblemDetailsOptions> problemOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => RealmApi.IsRealmPath(context.HttpContext.Request.Path);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = problem.Extensions.TryGetValue("code", out var given) && given is string s ? s : ErrorStatus.CodeOf(status);
        var detail = problem.Detail ?? ErrorStatus.DetailOf(status);
        var loginProvider = context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.RouteValues?["provider"] as string;
        var error = new RealmError(
            RealmErrorCodes.MessageOf(code, detail), RealmErrorCodes.Of(code, status, loginProvider), problem.Type ?? code);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(error));
    }
}
