using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Hosting;

internal static partial class ApiContract
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>Component id of the <c>Millwright-Connection</c> request header parameter.</summary>
    public const string ConnectionParameter = "MillwrightConnection";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Systems"] = "The systems Millwright connects to, what each can read and write, and the settings a connection to it needs.",
        ["Connections"] = "An end customer's link to one system: settings, sealed credentials, health and connection tokens. Secret key only.",
        ["Health"] = "Liveness, readiness and the public status report. No authentication.",
        ["Passthrough"] = "A call to the connected system's own API through the connection's credentials.",
        ["Sync"] = "Sync runs that copy the connected system into Millwright's store. Secret key only.",
        ["Account"] = "The account's own settings. Secret key only.",
        ["Field mappings"] = "How each unified field is computed from the system's documents, per connection. Secret key only.",
        ["Request logs"] = "Recent API calls and sync runs with their upstream calls, secrets masked. Secret key only.",
        ["Webhooks"] = "Webhook endpoints, their deliveries and the events they carry. Secret key only.",
        ["Keys"] = "The account's secret keys: issue, rotate with a grace period, revoke. Secret key only.",
        ["Audit"] = "Who changed what in the account. Secret key only.",
        ["Connect"] = "The hosted Connect page with which an end customer creates or renews a connection.",
        ["Sandbox"] = "The account's own vendor emulators for test connections. Test secret key only.",
    };

    /// <summary>Public endpoints (no <see cref="AuthenticatedEndpoint"/>) say so with <c>security: []</c> instead of inheriting the bearer requirement.</summary>
    public static Task MarkPublic(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<AuthenticatedEndpoint>().Any())
        {
            operation.Security = [];
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs last (registered with PostConfigure), after every feature's own transformers.</summary>
    public static Task Complete(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers[RequestIdHeader] = new OpenApiHeader
        {
            Description = "Id of this request (`req_…`), also in every error body as `request_id`; `GET /v1/request-logs/{request_id}` shows the call.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        document.Components.Parameters ??= new Dictionary<string, IOpenApiParameter>();
        document.Components.Parameters[ConnectionParameter] = new OpenApiParameter
        {
            Name = AuthExtensions.ConnectionHeader,
            In = ParameterLocation.Header,
            Description = "With a secret key: the id of the connection whose data the call reads or writes (required then; "
                + "400 `CONNECTION_HEADER_REQUIRED` without it, 404 `NOT_FOUND` for a connection the account does not have). "
                + "A connection token ignores it and always works on its own connection.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = "conn_4Jx2mQ8vT1bN7kPz0aYc",
        };

        var seen = new HashSet<OpenApiSchema>();
        foreach (var schema in document.Components.Schemas?.Values ?? [])
        {
            Walk(schema, Tighten, seen);
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var schema in OperationSchemas(operation))
            {
                Walk(schema, Tighten, seen);
            }

            BoundLimit(operation);
            foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers[RequestIdHeader] = new OpenApiHeaderReference(RequestIdHeader, document);
            }
        }

        RequireWrittenProperties(document);
        AddExpansions(document, context.ApplicationServices.GetRequiredService<RecordSchemas>());
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "")
                ?? $"Unified {tag.Name?.ToLowerInvariant()} of the connection, read from Millwright's store and written through to the connected system.";
        }

        return Task.CompletedTask;
    }

    /// <summary>Every list's <c>limit</c> is checked against 1–500 (<see cref="NewestFirstCursor"/>, the record lists' own bounds).</summary>
    private static void BoundLimit(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter is { Name: "limit", In: ParameterLocation.Query, Schema: OpenApiSchema schema } && schema.Maximum is null)
            {
                schema.Minimum = "1";
                schema.Maximum = NewestFirstCursor.MaxLimit.ToString(CultureInfo.InvariantCulture);
                schema.Format = null;
            }
        }
    }

    /// <summary>
    /// Components that no request uses (directly or through others) are what the server writes: every property
    /// it always writes is required. A record's <c>raw</c> is written only with <c>include_raw=true</c>.
    /// </summary>
    private static void RequireWrittenProperties(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } components)
        {
            return;
        }

        var requested = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            {
                if (media.Schema is { } body)
                {
                    pending.Push(body);
                }
            }

            foreach (var parameter in operation.Parameters ?? [])
            {
                if (parameter.Schema is { } schema)
                {
                    pending.Push(schema);
                }
            }
        }

        var seen = new HashSet<OpenApiSchema>();
        while (pending.TryPop(out var next))
        {
            if (next is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (requested.Add(id) && components.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            Walk(next, schema =>
            {
                foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])
                             .Append(schema.Items).Append(schema.AdditionalProperties).OfType<OpenApiSchemaReference>())
                {
                    pending.Push(child);
                }
            }, seen);
        }

        var records = EntityInfo.All.Select(e => e.RecordType.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, component) in components)
        {
            if (requested.Contains(id) || component is not OpenApiSchema { Properties: { } properties } schema
                || !AlwaysWritten.TryGetValue(id, out var written))
            {
                continue;
            }

            var required = new HashSet<string>(schema.Required ?? new HashSet<string>(), StringComparer.Ordinal);
            required.UnionWith(written.Where(properties.ContainsKey).Where(p => !(records.Contains(id) && p == "raw")));
            schema.Required = required;
        }
    }

    /// <summary>
    /// <c>expand=asset</c> writes <c>asset</c> (the record, or null when it is not in the store) right after
    /// <c>asset_id</c>; a list reference (<c>assignee_ids</c>) gets the records found, in list order. The
    /// properties exist only when expanded, so they are optional; expanded records carry no expansions themselves.
    /// </summary>
    private static void AddExpansions(OpenApiDocument document, RecordSchemas schemas)
    {
        foreach (var info in EntityInfo.All)
        {
            if (document.Components?.Schemas is not { } components || !components.TryGetValue(info.RecordType.Name, out var found)
                || found is not OpenApiSchema { Properties: not null } component)
            {
                continue;
            }

            var expansions = schemas[info.Entity].ExpansionByField;
            var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
            foreach (var (name, property) in component.Properties)
            {
                properties[name] = property;
                if (expansions.TryGetValue(name, out var field) && field.References is { } target)
                {
                    var reference = new OpenApiSchemaReference(target.RecordType.Name, document);
                    properties[field.ExpandName!] = field.Kind == FieldKind.StringArray
                        ? new OpenApiSchema
                        {
                            Type = JsonSchemaType.Array,
                            Items = reference,
                            Description = $"Only with `expand={field.ExpandName}`: the records of `{name}` found in the store, in its order.",
                        }
                        : new OpenApiSchema
                        {
                            OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }],
                            Description = $"Only with `expand={field.ExpandName}`: the record of `{name}`, or null when there is none.",
                        };
                }
            }

            component.Properties = properties;
        }
    }
}
