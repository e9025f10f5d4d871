using System.Text.Json;
using System.Text.RegularExpressions;
using Millwright.Client.Errors;

namespace Millwright.Server.Hosting.Errors;

/// <summary>
/// Turns every failure into the error envelope: <see cref="ApiException"/>s as they say, binding
/// failures of minimal APIs (malformed JSON, wrong content type, oversized body) as 400/415/413,
/// anything else as a 500 with a generic message and a log entry; internals never leak.
/// </summary>
internal sealed partial class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var error = Classify(ex);
            if (error.Status >= 500)
            {
                LogUnhandled(ex, RequestIdMiddleware.Get(context), context.Request.Method, context.Request.Path);
            }

            context.Response.Clear();
            await ApiErrors.WriteAsync(context, error);
        }
    }

    internal static ApiException Classify(Exception ex) => ex switch
    {
        ApiException api => api,
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            new(415, ErrorCodes.UnsupportedMediaType, "Send the body as application/json."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new(413, ErrorCodes.PayloadTooLarge, "The request body is too large."),
        BadHttpRequestException { InnerException: JsonException json } =>
            new(400, ErrorCodes.InvalidJson, DescribeJsonError(json)),
        BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
            new(400, ErrorCodes.InvalidJson, "The request body is missing or is not valid JSON."),
        BadHttpRequestException bad =>
            new(400, ErrorCodes.InvalidQueryParameter, bad.Message),
        JsonException json => new(400, ErrorCodes.InvalidJson, DescribeJsonError(json)),
        _ when StoreOutage.IsOutage(ex) => new(503, ErrorCodes.StoreUnavailable,
            "Millwright's store cannot be reached right now; nothing was changed. Retry after retry_after seconds.", retryAfterSeconds: 5),
        _ => new(500, ErrorCodes.InternalError, "Millwright failed to handle the request. Quote the request id when reporting it."),
    };

    private static string DescribeJsonError(JsonException json) =>
        // System.Text.Json messages name the member and the position but never echo values back.
        json.Path is { Length: > 0 } path
            ? $"The request body is not valid: {InJsonTerms(FirstSentence(json.Message))} (at {path})."
            : $"The request body is not valid JSON: {InJsonTerms(FirstSentence(json.Message))}";

    /// <summary>Some System.Text.Json messages name .NET types (ours included): say it in JSON terms instead.</summary>
    private static string InJsonTerms(string sentence)
    {
        var unmapped = UnmappedMember().Match(sentence);
        if (unmapped.Success)
        {
            return $"the member '{unmapped.Groups[1].Value}' is not known here";
        }

        return sentence.Contains("could not be converted to", StringComparison.Ordinal) ? "a value has the wrong type" : sentence;
    }

    [GeneratedRegex("^The JSON property '(.*)' could not be mapped to any .NET member")]
    private static partial Regex UnmappedMember();

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure of {RequestId} {Method} {Path}")]
    private partial void LogUnhandled(Exception ex, string requestId, string method, string path);
}
