namespace ConsulAlerts.Api;

/// <summary>A refused request: <c>{"errors": [...]}</c>, each naming its field (<c>endsAt: must be after startsAt</c>).</summary>
internal sealed record ApiErrorsReport(IReadOnlyList<string> Errors);
