using Microsoft.Extensions.Logging;

namespace Parallelize.Logging;

/// <summary>One entry a method logged in a child through its <see cref="ILogger"/> parameter, as the parent decoded it.</summary>
/// <param name="Level">Its level, <see cref="LogLevel.Trace"/> to <see cref="LogLevel.Critical"/>.</param>
/// <param name="EventId">Its event id and name.</param>
/// <param name="State">The formatted message and the structured state's key/value pairs.</param>
/// <param name="Exception">The exception logged with it, as the chain it was in the child; null for none.</param>
/// <param name="Scopes">The scopes the method had begun on the logger when it logged, outermost first.</param>
internal sealed record LogEntry(
    LogLevel Level,
    EventId EventId,
    RemoteLogValues State,
    RemoteException? Exception,
    RemoteLogValues[] Scopes)
{
    /// <summary>Logs the entry on <paramref name="logger"/> inside its scopes, as the method would have in one process.</summary>
    public void WriteTo(ILogger logger)
    {
        if (!logger.IsEnabled(Level))
        {
            // The child sends from the lowest enabled level on; a logger may enable levels with gaps.
            return;
        }

        var opened = new IDisposable?[Scopes.Length];
        try
        {
            for (int i = 0; i < Scopes.Length; i++)
            {
                opened[i] = logger.BeginScope(Scopes[i]);
            }

            logger.Log(Level, EventId, State, Exception, static (state, _) => state.Text);
        }
        finally
        {
            for (int i = opened.Length - 1; i >= 0; i--)
            {
                opened[i]?.Dispose();
            }
        }
    }
}
