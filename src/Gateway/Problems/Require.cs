using System.Diagnostics.CodeAnalysis;
using OrleansSessions.Abstractions;

namespace OrleansSessions.Gateway.Problems;

/// <summary>Checks of a request's input; each failure is a 400 problem that says what is wrong.</summary>
public static class Require
{
    public static T Body<T>([NotNull] T? body) where T : class =>
        body ?? throw Invalid("A JSON body is required.");

    public static string Field([NotNull] string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid($"'{name}' is required.") : value;

    public static void That([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            throw Invalid(message);
        }
    }

    public static SessionsException Invalid(string message) => new(ErrorCodes.ValidationFailed, message);
}
