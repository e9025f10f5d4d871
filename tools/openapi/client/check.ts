// A small integrator program against a client generated from the OpenAPI document (openapi-typescript types,
// openapi-fetch calls). It compiles with tsc --strict and no casts: if the document mistypes a field this
// program reads (an expanded asset, a date-time, a number), compilation fails; if the server disagrees
// with the document at run time, the checks below fail.
// Usage: node client/out/check.js <base url> <connection token>
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type WorkOrder = components["schemas"]["WorkOrder"];

const [baseUrl, token] = process.argv.slice(2);
if (baseUrl === undefined || token === undefined) {
  throw new Error("usage: check.js <base url> <connection token>");
}

const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error(message);
  }
}

/** Reads a date-time as the document types it: a string that parses as a date. */
function time(value: string): number {
  const parsed = Date.parse(value);
  check(!Number.isNaN(parsed), `not a date-time: ${value}`);
  return parsed;
}

async function main(): Promise<void> {
  const health = await client.GET("/healthz");
  check(health.data?.status === "ok", "healthz is not ok");

  const list = await client.GET("/v1/work-orders", {
    params: { query: { limit: 20, expand: "asset,assignees", sort: "-updated_at" } },
  });
  check(list.data !== undefined, `work orders: ${list.response.status} ${list.error?.error.code ?? ""}`);
  const orders: WorkOrder[] = list.data?.data ?? [];
  check(orders.length > 0, "no work orders in the demo data");

  let expandedAssets = 0;
  for (const wo of orders) {
    const updated: number = time(wo.updated_at);
    check(updated > 0, "updated_at before 1970");
    if (wo.due_at !== null) {
      time(wo.due_at);
    }

    // Typed expansions: present only with expand, the asset record or null.
    if (wo.asset) {
      const name: string | null = wo.asset.name;
      check(wo.asset.id === wo.asset_id, `asset ${wo.asset.id} is not asset_id ${wo.asset_id ?? "null"}`);
      check(name === null || name.length > 0, "empty asset name");
      expandedAssets++;
    }

    for (const user of wo.assignees ?? []) {
      check(wo.assignee_ids.includes(user.id), `assignee ${user.id} not in assignee_ids`);
    }
  }

  check(expandedAssets > 0, "no work order came with its asset expanded");
  const first = orders[0];
  if (first === undefined) {
    throw new Error("no first work order");
  }

  const one = await client.GET("/v1/work-orders/{id}", { params: { path: { id: first.id }, query: { expand: "asset" } } });
  check(one.data?.id === first.id, "get by id returned another record");

  // Numbers are numbers.
  const readings = await client.GET("/v1/meter-readings", { params: { query: { limit: 5 } } });
  let readingValues = 0;
  for (const reading of readings.data?.data ?? []) {
    if (reading.value !== null) {
      check(Number.isFinite(reading.value * 2), `meter reading value ${reading.value} is not a number`);
      readingValues++;
    }
  }

  // Errors are typed too: the envelope's code.
  const bad = await client.GET("/v1/work-orders", { params: { query: { limit: 0 } } });
  check(bad.response.status === 400 && bad.error?.error.code === "INVALID_QUERY_PARAMETER", "limit=0 was not refused");
  check(bad.response.headers.get("X-Request-Id")?.startsWith("req_") === true, "no X-Request-Id");

  console.log(`ok: ${orders.length} work orders, ${expandedAssets} with their asset, ${readingValues} meter readings`);
}

await main();
