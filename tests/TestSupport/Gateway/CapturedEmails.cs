using System.Collections.Concurrent;
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.TestSupport;

/// <summary>An email sender that keeps the last token mailed to each address, and notes each as a secret.</summary>
public sealed class CapturedEmails(Action<string> noteSecret) : IEmailSender
{
    private readonly ConcurrentDictionary<string, string> _confirmations = new();
    private readonly ConcurrentDictionary<string, string> _resets = new();

    public string ConfirmationTokenOf(string email) =>
        _confirmations.TryGetValue(email, out var token) ? token : throw new InvalidOperationException($"No confirmation mailed to {email}.");

    public bool HasConfirmationFor(string email) => _confirmations.ContainsKey(email);

    public string ResetTokenOf(string email) =>
        _resets.TryGetValue(email, out var token) ? token : throw new InvalidOperationException($"No password reset mailed to {email}.");

    public bool HasResetFor(string email) => _resets.ContainsKey(email);

    public Task SendConfirmationAsync(string email, AccountToken token)
    {
        noteSecret(token.ToString());
        _confirmations[email] = token.ToString();
        return Task.CompletedTask;
    }

    public Task SendPasswordResetAsync(string email, AccountToken token)
    {
        noteSecret(token.ToString());
        _resets[email] = token.ToString();
        return Task.CompletedTask;
    }
}
