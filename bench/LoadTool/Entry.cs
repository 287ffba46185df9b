using System.Text.Json;

namespace OrleansSessions.LoadTool;

/// <summary>
/// <c>LoadTool [options]</c> runs the benchmark against a gateway on loopback; <c>keygen DIR</c> writes the key pair
/// of the custom-token issuer; <c>serve-bare</c>, <c>serve-actor</c> and <c>memory</c> are the child processes it
/// starts; <c>writes</c> prints the bytes written per operation.
/// </summary>
public static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "keygen":
                Directory.CreateDirectory(args[1]);
                var (privatePem, publicPem) = CustomTokenIssuer.NewKeyPair();
                await File.WriteAllTextAsync(Path.Combine(args[1], "private.pem"), privatePem);
                await File.WriteAllTextAsync(Path.Combine(args[1], "public.pem"), publicPem);
                return 0;
            case "serve-bare":
                await Baselines.Bare(int.Parse(args[1])).RunAsync();
                return 0;
            case "serve-actor":
                await Baselines.Actor(int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3])).RunAsync();
                return 0;
            case "writes":
                Console.WriteLine(WritesScenario.Markdown(await WritesScenario.RunAsync([1, 50], auditEventsKept: 100)));
                return 0;
            case "memory":
                var result = await MemoryScenario.RunAsync(int.Parse(args[1]), int.Parse(args[2]), Console.WriteLine);
                Console.WriteLine("RESULT " + JsonSerializer.Serialize(result, BenchJson.Default.MemoryResult));
                return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var report = await BenchRunner.RunAsync(options, null, line => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"));
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        return 0;
    }
}
