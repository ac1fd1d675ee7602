import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";

/**
 * A customer table of the contact-centre kind, 20 columns of mixed types: a text key, integers,
 * decimals (negative, with an exponent now and then), booleans in two spellings, dates, short
 * text with quoted commas and non-ASCII, and empty values. Deterministic (a seeded generator),
 * so two runs import the same bytes.
 */
export const DATASET_HEADER = [
  "customer_id", "age", "tenure_months", "calls_90d", "complaints", "spend", "balance", "score",
  "churned", "vip", "signup_date", "last_contact", "region", "plan", "channel", "city",
  "nps", "satisfaction", "household", "note",
];

/** The table shape `psql \copy` loads into, matching what the import infers for this file. */
export const DATASET_SQL_TYPES = [
  "text", "bigint", "bigint", "bigint", "bigint", "double precision", "double precision", "double precision",
  "boolean", "boolean", "date", "date", "text", "text", "text", "text",
  "bigint", "double precision", "bigint", "text",
];

const REGIONS = ["North", "South", "East", "West", "Midlands", "Highlands", "Islands"];
const PLANS = ["basic", "plus", "family", "business", "student"];
const CHANNELS = ["phone", "chat", "email", "store", "app"];
const CITIES = ["Leeds", "Zoë's Town", "東京", "Cork", "Bergen", "São Paulo", "Łódź", "Oulu"];
const NOTES = ["", "asked about fees", '"moved, then came back"', "billing error", '"said ""never again"""', "none"];

/** xorshift32: fast and seeded, so the file is the same on every run. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function dateFrom(r: number, fromYear: number, years: number) {
  const day = Math.floor(r * years * 365);
  const d = new Date(Date.UTC(fromYear, 0, 1) + day * 86_400_000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function row(i: number, rand: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const maybe = (value: string) => (rand() < 0.03 ? "" : value);
  const fields = [
    `C${String(i).padStart(8, "0")}`,
    String(18 + Math.floor(rand() * 70)),
    String(Math.floor(rand() * 240)),
    maybe(String(Math.floor(rand() * 30))),
    String(Math.floor(rand() * 5)),
    maybe((rand() * 5000).toFixed(2)),
    (rand() * 2000 - 1000).toFixed(2),
    rand() < 0.01 ? "1.5e3" : (rand() * 10).toFixed(3),
    rand() < 0.2 ? "true" : "false",
    rand() < 0.1 ? "yes" : "no",
    dateFrom(rand(), 2010, 14),
    maybe(dateFrom(rand(), 2023, 2)),
    pick(REGIONS),
    pick(PLANS),
    pick(CHANNELS),
    pick(CITIES),
    String(Math.floor(rand() * 201) - 100),
    (1 + rand() * 4).toFixed(1),
    String(1 + Math.floor(rand() * 6)),
    pick(NOTES),
  ];
  return fields.join(",");
}

/** Writes `rows` data rows (plus the header) to `file`, streamed with backpressure; returns its size. */
export async function writeDatasetCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const rand = rng(20240611);
  let batch = `${DATASET_HEADER.join(",")}\n`;
  for (let i = 1; i <= rows; i++) {
    batch += `${row(i, rand)}\n`;
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  out.end(batch);
  await once(out, "finish");
  return (await stat(file)).size;
}
