namespace ConsulAlerts.DevAgent.Blocking;

/// <summary>One evaluation of a blocking query: the index to report, the result, and whether nothing was found.</summary>
internal readonly record struct BlockingResult<T>(ulong Index, T Value, bool NotFound = false);
