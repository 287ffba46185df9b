using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansSessions.TestSupport;

/// <summary>Every log line of a gateway, at every level, with its structured values and exception.</summary>
public sealed class GatewayLog : ILoggerProvider
{
    private ConcurrentQueue<Line> _lines = new();

    public readonly record struct Line(LogLevel Level, string Category, string Text)
    {
        public override string ToString() => $"{Level} {Category}: {Text}";
    }

    public IEnumerable<Line> Lines => _lines;

    public void Clear() => _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, GatewayLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            log._lines.Enqueue(new Line(logLevel, category, $"{formatter(state, exception)} {values} {exception}"));
        }
    }
}
