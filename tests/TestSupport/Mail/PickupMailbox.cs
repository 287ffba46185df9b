using MimeKit;

namespace OrleansSessions.TestSupport;

/// <summary>A gateway's pickup directory (a new temporary one), read in file name order.</summary>
public sealed class PickupMailbox(Action<string> noteSecret) : Mailbox(noteSecret)
{
    private readonly List<MimeMessage> _read = [];
    private readonly Lock _reading = new();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("orleans-sessions-mail-").FullName;

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:Email:PickupDirectory"] = Directory,
    };

    /// <summary>The <c>.eml</c> files written so far (a file appears whole, under its final name).</summary>
    public IEnumerable<string> Files => System.IO.Directory.EnumerateFiles(Directory, "*.eml").Order(StringComparer.Ordinal);

    public override IReadOnlyList<MimeMessage> Delivered
    {
        get
        {
            lock (_reading)
            {
                foreach (var file in Files.Skip(_read.Count))
                {
                    var message = MimeMessage.Load(file);
                    Received(message);
                    _read.Add(message);
                }

                return [.. _read];
            }
        }
    }

    public override ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
