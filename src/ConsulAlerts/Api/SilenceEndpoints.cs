using System.Text.Json;
using ConsulAlerts.Checks;
using ConsulAlerts.Consul.Errors;
using ConsulAlerts.Datacenters;
using ConsulAlerts.Silences;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsulAlerts.Api;

/// <summary>
/// <c>/v1/silences</c>: <c>GET</c> lists every silence with its state and the checks it mutes now; <c>POST</c> creates
/// one (<c>{"silenceID": "..."}</c>, or 400 with <c>{"errors": [...]}</c> naming each field at fault);
/// <c>GET /v1/silences/&lt;id&gt;</c> shows one; <c>PUT /v1/silences/&lt;id&gt;</c> replaces a pending or active one's
/// matchers, end, author and comment (same body as a create; an active one keeps its start);
/// <c>DELETE /v1/silences/&lt;id&gt;</c> expires it (kept for the retention). Writes need the API token like <c>POST /v1/process/*</c>. An id that is not a silence id's shape is 400,
/// an unknown one 404; a body over <see cref="MaxBodyBytes"/> is 413; Consul unreachable is 503.
/// </summary>
internal static class SilenceEndpoints
{
    public const string Path = "/v1/silences";

    /// <summary>128 KiB: a silence at every limit fits, and nobody can make the daemon buffer much.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (RequestDelegate)ListAsync);
        endpoints.MapPost(Path, (RequestDelegate)CreateAsync);
        endpoints.MapGet(Path + "/{id}", (RequestDelegate)GetAsync);
        endpoints.MapPut(Path + "/{id}", (RequestDelegate)UpdateAsync);
        endpoints.MapDelete(Path + "/{id}", (RequestDelegate)ExpireAsync);
    }

    private static Task ListAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<SilenceStore>();
        var reports = store.All.Select(s => Report(context, s)).ToList();
        return WriteAsync(context, StatusCodes.Status200OK, reports, SilencesJsonContext.Default.IReadOnlyListSilenceReport);
    }

    private static Task GetAsync(HttpContext context)
    {
        if (IdOf(context) is not { } id)
        {
            return BadIdAsync(context);
        }

        var store = context.RequestServices.GetRequiredService<SilenceStore>();
        return store.TryGet(id, out var silence)
            ? WriteAsync(context, StatusCodes.Status200OK, Report(context, silence), SilencesJsonContext.Default.SilenceReport)
            : NotFoundAsync(context, id);
    }

    private static async Task CreateAsync(HttpContext context)
    {
        var access = context.RequestServices.GetService<ApiAccess>() ?? ApiAccess.Open;
        if (!await access.AuthorizeAsync(context) || await ReadRequestAsync(context) is not { Read: true } read)
        {
            return;
        }

        var writer = context.RequestServices.GetRequiredService<SilenceWriter>();
        await AnswerWriteAsync(context, await WriteSafelyAsync(context, ct => writer.CreateAsync(read.Request, ct)));
    }

    private static async Task UpdateAsync(HttpContext context)
    {
        var access = context.RequestServices.GetService<ApiAccess>() ?? ApiAccess.Open;
        if (!await access.AuthorizeAsync(context))
        {
            return;
        }

        if (IdOf(context) is not { } id)
        {
            await BadIdAsync(context);
            return;
        }

        if (await ReadRequestAsync(context) is not { Read: true } read)
        {
            return;
        }

        var writer = context.RequestServices.GetRequiredService<SilenceWriter>();
        var outcome = await WriteSafelyAsync(context, ct => writer.UpdateAsync(id, read.Request, ct));
        if (outcome is { Result: SilenceWriteResult.NotFound })
        {
            await NotFoundAsync(context, id);
            return;
        }

        await AnswerWriteAsync(context, outcome);
    }

    /// <summary>
    /// The body as a request (<c>Request</c> null for a JSON <c>null</c>, which the validator reports); <c>Read</c> false
    /// when the body was refused and answered (400, 413) or the client went away.
    /// </summary>
    private static async Task<(bool Read, SilenceRequest? Request)> ReadRequestAsync(HttpContext context)
    {
        byte[]? body;
        try
        {
            body = context.Request.ContentLength > MaxBodyBytes ? null : await ProcessEndpoints.ReadBoundedAsync(context, MaxBodyBytes);
        }
        catch (BadHttpRequestException ex)
        {
            context.Response.StatusCode = ex.StatusCode;
            return (false, null);
        }
        catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            return (false, null);
        }

        if (body is null)
        {
            await ErrorsAsync(context, StatusCodes.Status413PayloadTooLarge, [$"body: larger than {MaxBodyBytes} bytes"]);
            return (false, null);
        }

        try
        {
            return (true, JsonSerializer.Deserialize(body, SilenceJsonContext.Default.SilenceRequest));
        }
        catch (JsonException ex)
        {
            var field = SilenceValidator.FieldOf(ex);
            await ErrorsAsync(context, StatusCodes.Status400BadRequest, [field == "body" ? "body: not a JSON object" : $"{field}: wrong type or not valid JSON"]);
            return (false, null);
        }
    }

    /// <summary>200 with the silence's id, 409 when the CAS kept losing, 400 with the problems otherwise.</summary>
    private static Task AnswerWriteAsync(HttpContext context, SilenceWriteOutcome? outcome) => outcome switch
    {
        null => Task.CompletedTask,
        { Result: SilenceWriteResult.Done, Silence: { } silence } =>
            WriteAsync(context, StatusCodes.Status200OK, new SilenceCreatedReport(silence.Id), SilencesJsonContext.Default.SilenceCreatedReport),
        { Result: SilenceWriteResult.Conflict } => ErrorsAsync(context, StatusCodes.Status409Conflict, outcome.Errors),
        _ => ErrorsAsync(context, StatusCodes.Status400BadRequest, outcome.Errors),
    };

    private static async Task ExpireAsync(HttpContext context)
    {
        var access = context.RequestServices.GetService<ApiAccess>() ?? ApiAccess.Open;
        if (!await access.AuthorizeAsync(context))
        {
            return;
        }

        if (IdOf(context) is not { } id)
        {
            await BadIdAsync(context);
            return;
        }

        var writer = context.RequestServices.GetRequiredService<SilenceWriter>();
        var outcome = await WriteSafelyAsync(context, ct => writer.ExpireAsync(id, ct));
        switch (outcome)
        {
            case null:
                return;
            case { Result: SilenceWriteResult.Done }:
                var store = context.RequestServices.GetRequiredService<SilenceStore>();
                if (store.TryGet(id, out var stored))
                {
                    await WriteAsync(context, StatusCodes.Status200OK, Report(context, stored), SilencesJsonContext.Default.SilenceReport);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status200OK;
                }

                return;
            case { Result: SilenceWriteResult.NotFound }:
                await NotFoundAsync(context, id);
                return;
            default:
                await ErrorsAsync(context, StatusCodes.Status409Conflict, outcome.Errors);
                return;
        }
    }

    // Consul unreachable or refusing: 503 with what happened (never a token), not an unhandled 500.
    private static async Task<SilenceWriteOutcome?> WriteSafelyAsync(HttpContext context, Func<CancellationToken, Task<SilenceWriteOutcome>> write)
    {
        try
        {
            return await write(context.RequestAborted);
        }
        catch (ConsulException ex)
        {
            await ErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, [$"consul: {ex.Message}"]);
            return null;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    private static SilenceReport Report(HttpContext context, StoredSilence stored)
    {
        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var checks = context.RequestServices.GetService<ICheckView>();
        var datacenter = (context.RequestServices.GetService<LocalDatacenter>() ?? LocalDatacenter.Unknown).Name;
        var now = time.GetUtcNow();
        var (muted, count) = checks is null ? ([], 0) : SilenceMutes.Of(stored.Rule, checks, datacenter, now);
        var s = stored.Silence;
        return new SilenceReport(
            s.Id,
            s.Matchers,
            s.StartsAt,
            s.EndsAt,
            s.CreatedBy,
            s.Comment,
            s.UpdatedAt,
            StateName(s.StatusAt(now)),
            [.. muted.Select(c => new MutedCheckReport(c.Node, c.CheckId, c.ServiceId, c.Status))],
            count);
    }

    /// <summary>The name the API gives a state.</summary>
    public static string StateName(SilenceStatus status) => status switch
    {
        SilenceStatus.Pending => "pending",
        SilenceStatus.Active => "active",
        _ => "expired",
    };

    private static string? IdOf(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("id", out var value) && value is string id && SilenceIds.IsValid(id) ? id : null;

    private static Task BadIdAsync(HttpContext context) =>
        ErrorsAsync(context, StatusCodes.Status400BadRequest, ["id: not a silence id (a lowercase UUID)"]);

    private static Task NotFoundAsync(HttpContext context, string id) =>
        ErrorsAsync(context, StatusCodes.Status404NotFound, [$"id: no silence {id}"]);

    private static Task ErrorsAsync(HttpContext context, int status, IReadOnlyList<string> errors) =>
        WriteAsync(context, status, new ApiErrorsReport(errors), SilencesJsonContext.Default.ApiErrorsReport);

    private static async Task WriteAsync<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
