import { clamp, logistic, type Random } from "./random";

/** What happened to a customer: drives both their numbers and what their stories say. */
export interface Experiences {
  promoEnded: boolean;
  unexpectedCharge: boolean;
  outage: boolean;
  slowSpeed: boolean;
  movingHouse: boolean;
  needsSupport: boolean;
  passedAround: boolean;
}

/** One row of the demo dataset (CSV columns in this order) plus what lies behind it. */
export interface DemoCustomer {
  customer_id: string;
  region: string;
  plan: string;
  tenure_months: number;
  calls_90d: number;
  complaints_12m: number;
  churned: boolean;
  monthly_spend: number;
  /** YYYY-MM-DD */
  last_contact: string;
  /** Likelihood to recommend, 0–10. */
  nps: number;
  experiences: Experiences;
}

export const CUSTOMER_COLUMNS = [
  "customer_id",
  "region",
  "plan",
  "tenure_months",
  "calls_90d",
  "complaints_12m",
  "churned",
  "monthly_spend",
  "last_contact",
  "nps",
] as const;

/** Regions, with how outage-prone their (partly rural) networks are. */
const REGIONS: readonly { name: string; outageRisk: number }[] = [
  { name: "London", outageRisk: 0.1 },
  { name: "South East", outageRisk: 0.12 },
  { name: "South West", outageRisk: 0.3 },
  { name: "Midlands", outageRisk: 0.15 },
  { name: "North West", outageRisk: 0.16 },
  { name: "North East", outageRisk: 0.18 },
  { name: "Yorkshire", outageRisk: 0.17 },
  { name: "Wales", outageRisk: 0.32 },
  { name: "Scotland", outageRisk: 0.26 },
];

/** Plans with their list price; slower plans draw more speed complaints. */
export const PLANS: readonly { name: string; price: number; speedRisk: number; mbps: number }[] = [
  { name: "Fibre Essential 36", price: 26.99, speedRisk: 0.32, mbps: 36 },
  { name: "Fibre Plus 74", price: 31.99, speedRisk: 0.22, mbps: 74 },
  { name: "Full Fibre 150", price: 36.99, speedRisk: 0.15, mbps: 150 },
  { name: "Full Fibre 500", price: 46.99, speedRisk: 0.1, mbps: 500 },
  { name: "Full Fibre 900", price: 59.99, speedRisk: 0.08, mbps: 900 },
];

/** Fixed, so a demo generated on any day is the same demo. */
export const SNAPSHOT_DATE = Date.UTC(2025, 5, 30);

function tenure(random: Random): number {
  const band = random.next();
  if (band < 0.3) return random.int(1, 18);
  if (band < 0.7) return random.int(19, 48);
  return random.int(49, 132);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * One customer. Experiences come first; calls, complaints, churn and NPS follow from them, so
 * the numbers and the stories agree (many calls and complaints → churn; long tenure → loyalty).
 */
export function generateCustomer(random: Random, index: number): DemoCustomer {
  const region = random.pick(REGIONS);
  const plan = random.pick(PLANS);
  const months = tenure(random);
  const onPromoWindow = months >= 12 && months <= 30;
  const e: Experiences = {
    promoEnded: random.chance(onPromoWindow ? 0.5 : 0.08),
    unexpectedCharge: random.chance(0.13),
    outage: random.chance(region.outageRisk),
    slowSpeed: random.chance(plan.speedRisk),
    movingHouse: random.chance(0.08),
    needsSupport: random.chance(0.09),
    passedAround: false,
  };
  const trouble =
    2.2 * +e.outage + 1.3 * +e.slowSpeed + 1.5 * +e.promoEnded + 1.3 * +e.unexpectedCharge + 0.9 * +e.movingHouse + 0.7 * +e.needsSupport;
  const calls = Math.min(15, random.poisson(0.7 + trouble));
  e.passedAround = random.chance(clamp(0.05 + 0.08 * calls, 0, 0.85));
  const complaints = Math.min(
    8,
    random.poisson(0.12 + 0.8 * +e.outage + 0.6 * +e.promoEnded + 0.8 * +e.unexpectedCharge + 1.1 * +e.passedAround),
  );
  const churnOdds =
    -2.3 + 0.22 * calls + 0.45 * complaints + 0.9 * +e.promoEnded + 1.0 * +e.passedAround + 0.5 * +e.movingHouse - 0.022 * months;
  const churned = random.chance(logistic(churnOdds));
  const tv = random.chance(0.25) ? 15 : 0;
  const promoDiscount = onPromoWindow && !e.promoEnded ? -6 : 0;
  const spend = Math.max(18, plan.price + tv + promoDiscount + (e.unexpectedCharge ? 7.5 : 0) + random.normal(0, 2));
  const nps = Math.round(clamp(random.normal(8.2, 1.2) - 0.35 * calls - 0.7 * complaints - (churned ? 2 : 0), 0, 10));
  const daysAgo = churned ? random.int(20, 180) : random.int(0, 120);
  return {
    customer_id: `C${String(index + 1).padStart(4, "0")}`,
    region: region.name,
    plan: plan.name,
    tenure_months: months,
    calls_90d: calls,
    complaints_12m: complaints,
    churned,
    monthly_spend: Math.round(spend * 100) / 100,
    last_contact: isoDate(SNAPSHOT_DATE - daysAgo * 86_400_000),
    nps,
    experiences: e,
  };
}

/** RFC 4180 CSV of the customers, header first. */
export function customersCsv(customers: readonly DemoCustomer[]): string {
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [CUSTOMER_COLUMNS.join(",")];
  for (const c of customers) {
    lines.push(
      CUSTOMER_COLUMNS.map((col) => {
        const v = c[col];
        return quote(col === "monthly_spend" ? (v as number).toFixed(2) : String(v));
      }).join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
