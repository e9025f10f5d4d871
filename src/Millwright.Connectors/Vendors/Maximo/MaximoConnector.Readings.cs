using System.Globalization;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// A meter reading is entered as IBM's REST API Guide describes (vendor-specs/ibm-maximo/SOURCE.md, "Recording a reading on an
/// asset meter"): the asset is found by its key, then <c>POST</c> to its URI with <c>x-method-override: PATCH</c> and
/// <c>patchtype: MERGE</c> sends <c>assetmeter[{metername, linearassetmeterid, newreading, newreadingdate}]</c>; Maximo matches
/// the row by its key and turns the reading into history. The <c>properties</c> header returns the asset with the meter's
/// history, whose newest row is the reading made (Maximo's ids only grow), so it is stored at once under the id a sync gives it.
/// </summary>
internal sealed partial class MaximoConnector
{
    private async Task<ConnectorResult<RawRecord>> CreateReadingAsync(ConnectionContext connection, JsonObject document, CancellationToken cancellationToken)
    {
        var meterId = MaximoComputed.Text((document[MaximoComputed.Property] as JsonObject)?["meter"]);
        var parts = meterId?.Split('/', 3);
        if (parts is not [{ Length: > 0 } site, { Length: > 0 } asset, { Length: > 0 } meter])
        {
            return Invalid("A Maximo meter reading needs the meter (meter_id of an asset meter).");
        }

        if (MaximoComputed.Text(document["newreading"]) is not { } value)
        {
            return Invalid("A Maximo meter reading needs its value.");
        }

        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, auth) = settings.Value;
        var api = Api();
        var found = await FindAsync(api, connection, baseUrl, auth, MaximoEndpoint.All[Entity.Assets], $"{site}/{asset}", cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }

        var row = new JsonObject { ["metername"] = meter, ["linearassetmeterid"] = 0, ["newreading"] = value };
        if (MaximoComputed.Text(document["newreadingdate"]) is { } date)
        {
            row["newreadingdate"] = date;
        }

        var endpoint = MaximoEndpoint.All[Entity.MeterReadings];
        var patched = await api.SendAsync(connection, new Uri(found.Value.Href + "?lean=1"), new JsonObject { ["assetmeter"] = new JsonArray(row) },
            [new("x-method-override", "PATCH"), new("patchtype", "MERGE"), new("properties", endpoint.Select)], MaximoWriteKind.Create, cancellationToken).ConfigureAwait(false);
        if (!patched.IsSuccess)
        {
            return patched.Failure!;
        }

        var newest = patched.Value is { } answer
            ? Records(endpoint, [answer]).Where(r => MaximoComputed.Text(r.Data["metername"]) == meter).MaxBy(r => ReadingNumber(r.Data))
            : null;
        return newest is not null
            ? ConnectorResult<RawRecord>.Ok(newest)
            : UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, $"an asset without the reading of meter {meter} just entered");
    }

    private static long ReadingNumber(JsonObject reading) =>
        long.TryParse(MaximoComputed.Text(reading["meterreadingid"]) ?? MaximoComputed.Text(reading["measurementid"]), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
}
