using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansSessions.Realm.Tests;

/// <summary>Every log line of a gateway, at every level, with its structured values and exception.</summary>
public sealed class RealmGatewayLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IEnumerable<(LogLevel Level, string Category, string Text)> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, RealmGatewayLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            log._lines.Enqueue((logLevel, category, $"{formatter(state, exception)} {values} {exception}"));
        }
    }
}
