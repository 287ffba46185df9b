using System.Collections.Concurrent;
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Realm.Tests;

/// <summary>The gateway's email sender in tests: keeps the last token mailed to each address, and notes each as a secret.</summary>
public sealed class RealmMailbox(Action<string> noteSecret) : IEmailSender
{
    private readonly ConcurrentDictionary<(string Kind, string Email), string> _tokens = new();

    public string ConfirmationTokenOf(string email) => _tokens[("confirm", email)];

    public string ResetTokenOf(string email) => _tokens[("reset", email)];

    public Task SendConfirmationAsync(string email, AccountToken token) => Keep("confirm", email, token);

    public Task SendPasswordResetAsync(string email, AccountToken token) => Keep("reset", email, token);

    private Task Keep(string kind, string email, AccountToken token)
    {
        noteSecret(token.ToString());
        _tokens[(kind, email)] = token.ToString();
        return Task.CompletedTask;
    }
}
