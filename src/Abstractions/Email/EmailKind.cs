namespace OrleansSessions.Abstractions.Email;

/// <summary>The account emails this tier sends.</summary>
[GenerateSerializer, Alias("OrleansSessions.EmailKind")]
public enum EmailKind
{
    Confirmation,
    PasswordReset,
}
