import type { Filter } from "../datasets/types";

/** Stable keys the generator uses for codes before they have database ids. */
export const codeKeys = [
  "billing",
  "promoEnded",
  "unexpectedCharge",
  "service",
  "outage",
  "slowSpeed",
  "engineerVisit",
  "contact",
  "passedAround",
  "longWait",
  "resolvedFirstTime",
  "retention",
  "priceMatch",
  "threatToLeave",
  "circumstances",
  "movingHouse",
  "needsSupport",
] as const;
export type CodeKey = (typeof codeKeys)[number];

export interface DemoCode {
  key: CodeKey;
  name: string;
  parent: CodeKey | null;
  color: string;
  description: string;
}

/** Parents first, so a loader can create them in order. */
export const demoCodes: readonly DemoCode[] = [
  { key: "billing", name: "Billing", parent: null, color: "#c9a227", description: "Anything about what the customer is charged and how the bill reads." },
  { key: "service", name: "Service", parent: null, color: "#5b8def", description: "Whether the connection itself works: availability, speed, repairs." },
  { key: "contact", name: "Contact experience", parent: null, color: "#9b6bd6", description: "What it was like to get help from us by phone, chat or in a shop." },
  { key: "retention", name: "Retention", parent: null, color: "#4caf7a", description: "Moments where the customer weighs leaving, and what we offered." },
  { key: "circumstances", name: "Circumstances", parent: null, color: "#4f6d7a", description: "Life events and needs outside our control that shape the relationship." },
  { key: "promoEnded", name: "Promo ended", parent: "billing", color: "#e6a23c", description: "The bill jumped when an introductory or promotional price ran out. Code the sentence that describes the jump or the surprise." },
  { key: "unexpectedCharge", name: "Unexpected charge", parent: "billing", color: "#f08c4b", description: "A charge the customer did not expect: router fees, call charges, early-exit fees, a double debit." },
  { key: "outage", name: "Outage", parent: "service", color: "#d9534f", description: "The service was down: hours or days without a connection, repeated drops." },
  { key: "slowSpeed", name: "Slow speed", parent: "service", color: "#2bb5b8", description: "Speeds well below what was sold, buffering, evening slowdowns." },
  { key: "engineerVisit", name: "Engineer visit", parent: "service", color: "#7b9e3f", description: "An engineer came to the home; code what the visit changed (usually for the better)." },
  { key: "passedAround", name: "Passed around", parent: "contact", color: "#e07bb5", description: "Transferred between departments or asked to repeat the story to several people." },
  { key: "longWait", name: "Long wait", parent: "contact", color: "#8d9440", description: "Long queues on the phone or in chat, or waiting days for a promised call back." },
  { key: "resolvedFirstTime", name: "Resolved first time", parent: "contact", color: "#3a7d44", description: "One contact fixed it: the first person owned the problem and solved it." },
  { key: "priceMatch", name: "Price match", parent: "retention", color: "#2f9e8f", description: "We matched or beat a competitor's price, or offered a loyalty discount." },
  { key: "threatToLeave", name: "Threat to leave", parent: "retention", color: "#b5443b", description: "The customer says they will leave, asks for their PAC/cancellation, or names a competitor." },
  { key: "movingHouse", name: "Moving house", parent: "circumstances", color: "#6c8ebf", description: "A home move: transferring the service, installation at the new address, overlap." },
  { key: "needsSupport", name: "Needs extra support", parent: "circumstances", color: "#a0785a", description: "An older or vulnerable customer who needed more patience, a carer on the call or plainer language." },
];

export interface DemoSegment {
  name: string;
  filter: Filter;
}

export const demoSegments: readonly DemoSegment[] = [
  { name: "Churned", filter: { all: [{ column: "churned", op: "eq", value: true }] } },
  { name: "High contact (≥ 4 calls in 90 days)", filter: { all: [{ column: "calls_90d", op: "gte", value: 4 }] } },
  {
    name: "Long-tenure loyal (≥ 36 months, not churned)",
    filter: {
      all: [
        { column: "tenure_months", op: "gte", value: 36 },
        { column: "churned", op: "eq", value: false },
      ],
    },
  },
  { name: "Complained in last year", filter: { all: [{ column: "complaints_12m", op: "gte", value: 1 }] } },
];

export interface DemoLink {
  code: CodeKey;
  segment: string;
  note: string;
}

export const demoLinks: readonly DemoLink[] = [
  {
    code: "passedAround",
    segment: "Churned",
    note: "Being transferred three or more times shows up again and again in the stories of people who left: the numbers say who leaves, this says why.",
  },
  {
    code: "resolvedFirstTime",
    segment: "Long-tenure loyal (≥ 36 months, not churned)",
    note: "Loyal customers remember the one call that fixed things. First-contact resolution looks like the retention lever, not the discount.",
  },
];

export type DemoMemoTarget = { type: "code"; code: CodeKey } | { type: "document"; index: number };

export interface DemoMemo {
  target: DemoMemoTarget;
  body: string;
}

export const codeMemos: readonly DemoMemo[] = [
  {
    target: { type: "code", code: "passedAround" },
    body: "Coding rule: only code transfers the customer experienced as being passed on (\"they put me through to…\"), not a warm hand-over they were happy with. Three transfers seems to be the point where people start talking about leaving.",
  },
  {
    target: { type: "code", code: "promoEnded" },
    body: "Most promo shocks arrive 12–24 months in. Worth checking against tenure in the dataset: is the end of the promo the real churn trigger, or the way we tell people about it?",
  },
  {
    target: { type: "code", code: "needsSupport" },
    body: "Careful with this one: code the need, not the age. Several of these customers were sharp but struggled with the app-only journey.",
  },
];
