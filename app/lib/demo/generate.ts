import {
  codeMemos,
  demoCodes,
  demoLinks,
  demoSegments,
  type DemoCode,
  type DemoLink,
  type DemoMemo,
  type DemoSegment,
} from "./codebook";
import { composeCallNotes, composeStory, type DemoDocument } from "./compose";
import { customersCsv, generateCustomer, type DemoCustomer } from "./customers";
import { createRandom } from "./random";
import { composeTeamNotes } from "./team-notes";

export type { DemoCode, DemoCustomer, DemoDocument, DemoLink, DemoMemo, DemoSegment };
export type { DemoCoding } from "./text-builder";

export const DEMO_SEED = 20_250_630;
export const DEMO_PROJECT_NAME = "Demo — Contact centre churn";

export interface DemoData {
  project: { name: string; description: string };
  dataset: { name: string; key: "customer_id"; customers: DemoCustomer[]; csv: string };
  codes: readonly DemoCode[];
  documents: DemoDocument[];
  memos: DemoMemo[];
  segments: readonly DemoSegment[];
  links: readonly DemoLink[];
}

const CUSTOMERS = 400;
/** Customers who get a document: churned ones are over-sampled, as exit interviews would be. */
const CHURNED_SUBJECTS = 24;
const STAYED_SUBJECTS = 31;
/** Of those, how many also have a call log beside their story. */
const WITH_TWO_DOCUMENTS = 3;

/**
 * The whole demo: a broadband provider's customers, their stories and call notes coded with a
 * small codebook, and segments over the numbers. Pure and deterministic for a given seed.
 */
export function generateDemo(seed = DEMO_SEED): DemoData {
  const random = createRandom(seed);
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => generateCustomer(random, i));
  const churned = random.shuffle(customers.filter((c) => c.churned)).slice(0, CHURNED_SUBJECTS);
  const stayed = random.shuffle(customers.filter((c) => !c.churned)).slice(0, STAYED_SUBJECTS);
  const subjects = random.shuffle([...churned, ...stayed]);

  const documents: DemoDocument[] = [];
  subjects.forEach((customer, i) => {
    if (i < WITH_TWO_DOCUMENTS) {
      documents.push(composeStory(random, customer), composeCallNotes(random, customer));
    } else {
      documents.push(random.chance(0.55) ? composeStory(random, customer) : composeCallNotes(random, customer));
    }
  });
  // Interleave the team's own notes (no case key) rather than leaving them at the end.
  const [huddle, floorWalk] = composeTeamNotes();
  documents.splice(7, 0, huddle!);
  documents.splice(31, 0, floorWalk!);

  return {
    project: {
      name: DEMO_PROJECT_NAME,
      description:
        "A generated example: 400 broadband customers with their numbers (tenure, calls, complaints, churn, spend) beside " +
        "60 customer stories and call notes coded with a small codebook. Open the matrix to see which reasons sit behind which segment.",
    },
    dataset: { name: "Customers", key: "customer_id", customers, csv: customersCsv(customers) },
    codes: demoCodes,
    documents,
    memos: [...codeMemos, ...documentMemos(documents, customers)],
    segments: demoSegments,
    links: demoLinks,
  };
}

/** Two researcher's notes on telling documents: one who left, one who stayed. */
function documentMemos(documents: DemoDocument[], customers: DemoCustomer[]): DemoMemo[] {
  const churnedKeys = new Set(customers.filter((c) => c.churned).map((c) => c.customer_id));
  const has = (d: DemoDocument, code: string) => d.codings.some((c) => c.code === code);
  const memos: DemoMemo[] = [];
  const left = documents.findIndex((d) => d.caseKey && churnedKeys.has(d.caseKey) && has(d, "passedAround"));
  if (left >= 0) {
    memos.push({
      target: { type: "document", index: left },
      body: "A textbook case: the fault itself was fixable, but nobody owned it. Compare with the stayers who got one person who said \"leave it with me\".",
    });
  }
  const stayed = documents.findIndex((d) => d.caseKey && !churnedKeys.has(d.caseKey) && has(d, "engineerVisit"));
  if (stayed >= 0) {
    memos.push({
      target: { type: "document", index: stayed },
      body: "The engineer visit is the turning point of this story. Worth asking the field team how often a visit follows two or more fault calls.",
    });
  }
  return memos;
}
