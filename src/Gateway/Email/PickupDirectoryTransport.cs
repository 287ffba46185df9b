using Microsoft.Extensions.Options;
using MimeKit;

namespace OrleansSessions.Gateway.Email;

/// <summary>
/// Writes each email as one RFC 5322 <c>.eml</c> file into the pickup directory (readable by its owner only where
/// the system allows), written under a temporary name first so a reader never sees half a file.
/// </summary>
public sealed class PickupDirectoryTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory!);

    public string Describe() => $"as .eml files into the pickup directory {Directory}, instead of being sent";

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfffffff'Z'}-{Guid.NewGuid():N}";
        var partial = Path.Combine(Directory, name + ".tmp");
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(partial, file))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(partial, Path.Combine(Directory, name + ".eml"));
    }
}
