namespace OrleansSessions.Gateway.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>Problem details for every error, each with a <c>code</c>, a <c>type</c> naming it, and a <c>detail</c>.</summary>
    public static IServiceCollection AddSessionProblems(this IServiceCollection services)
    {
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            var code = problem.Extensions.TryGetValue("code", out var given) && given is string s
                ? s
                : ErrorStatus.CodeOf(status);
            problem.Extensions["code"] = code;
            problem.Detail ??= ErrorStatus.DetailOf(status);
            problem.Type = $"urn:orleans-sessions:problem:{code}";
        });
    }
}
