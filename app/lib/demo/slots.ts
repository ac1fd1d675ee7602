import { PLANS, SNAPSHOT_DATE, type DemoCustomer } from "./customers";
import type { Random } from "./random";

interface Person {
  first: string;
  pronoun: "she" | "he";
}

const PEOPLE: readonly Person[] = [
  ..."Priya Margaret Joanne Aisling Fatima Chloe Bronwen Halina Grace Yasmin Deborah Kirsty Mei Rosa Shirley Ngozi Lorraine Eilidh Hannah Sadia Pauline Amara Niamh Beverley Sofia"
    .split(" ")
    .map((first) => ({ first, pronoun: "she" as const })),
  ..."Darren Imran Colin Rhodri Tomasz Kofi Gary Stuart Arjun Malcolm Lewis Dean Hamza Callum Wesley Euan Ravi Derek Adebayo Neil Marcus Jamie Owain Vikram Trevor"
    .split(" ")
    .map((first) => ({ first, pronoun: "he" as const })),
];

const TOWNS: Record<string, readonly string[]> = {
  London: ["Hackney", "Croydon", "Ealing", "Walthamstow"],
  "South East": ["Reading", "Maidstone", "Crawley", "Hastings"],
  "South West": ["Truro", "Taunton", "Barnstaple", "Yeovil"],
  Midlands: ["Derby", "Leicester", "Walsall", "Nuneaton"],
  "North West": ["Bolton", "Preston", "Wigan", "Birkenhead"],
  "North East": ["Sunderland", "Durham", "Gateshead", "Hartlepool"],
  Yorkshire: ["Leeds", "Hull", "Barnsley", "Harrogate"],
  Wales: ["Aberystwyth", "Llanelli", "Bangor", "Merthyr Tydfil"],
  Scotland: ["Dundee", "Inverness", "Paisley", "Stirling"],
};

const COMPETITORS = ["Skyline Fibre", "Brightwire", "Hopnet", "Larkspur Broadband", "Zephyr Fibre"];
const ENGINEERS = ["Dev", "Marek", "Siân", "Bev", "Kwame", "Lorna", "Gethin"];
export const AGENTS = ["Aisha", "Callum", "Fiona", "Gareth", "Jas", "Nadia", "Owen", "Shona", "Tariq", "Bethan"];
const HOUSEHOLDS = ["a partner and two teenagers", "three flatmates", "an elderly parent", "a young family", "a partner who works nights"];
const CARERS = ["daughter", "son", "neighbour", "grandson", "niece"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

const words = (n: number) => NUMBER_WORDS[n] ?? String(n);
const money = (n: number) => n.toFixed(2);

function tenureWords(months: number): string {
  if (months < 12) return `${words(months)} month${months === 1 ? "" : "s"}`;
  const years = Math.floor(months / 12);
  return years === 1 ? "just over a year" : `${words(years)} years`;
}

function dayOf(msAgo: number): string {
  const d = new Date(SNAPSHOT_DATE - msAgo);
  return `${d.getUTCDate()} ${SHORT_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Everything a template may mention about one customer, drawn once per document. */
export function slotsFor(random: Random, customer: DemoCustomer): Record<string, string> {
  const person = random.pick(PEOPLE);
  const she = person.pronoun === "she";
  const plan = PLANS.find((p) => p.name === customer.plan) ?? PLANS[0]!;
  const promo = Math.round((plan.price - random.int(8, 14)) * 100) / 100;
  const towns = TOWNS[customer.region] ?? ["Leeds"];
  const competitor = random.pick(COMPETITORS);
  const last = Date.parse(customer.last_contact);
  return {
    name: person.first,
    initial: String.fromCharCode(65 + random.int(0, 25)),
    they: she ? "she" : "he",
    They: she ? "She" : "He",
    them: she ? "her" : "him",
    their: she ? "her" : "his",
    themselves: she ? "herself" : "himself",
    plan: plan.name,
    mbps: String(plan.mbps),
    actual: String(Math.max(3, Math.round(plan.mbps * (0.1 + random.next() * 0.3)))),
    old: money(promo),
    new: money(customer.monthly_spend),
    jump: money(Math.max(4, customer.monthly_spend - promo)),
    charge: money(random.pick([9.99, 35, 49.99, 60, 14.5, 22.8, 75])),
    days: String(random.int(2, 9)),
    weeks: words(random.int(2, 6)),
    outages: words(random.int(3, 5)),
    credit: String(random.pick([5, 10, 15, 20])),
    engineer: random.pick(ENGINEERS),
    agent: random.pick(AGENTS),
    transfers: words(random.int(3, 6)),
    calls: words(Math.max(3, customer.calls_90d)),
    minutes: String(random.int(35, 95)),
    competitor,
    offer: money(plan.price - random.int(6, 10)),
    discount: String(random.pick([5, 8, 10, 12])),
    month: random.pick(MONTHS),
    interviewMonth: random.pick(["April", "May", "June"]),
    leaveMonth: MONTHS[new Date(last).getUTCMonth()]!,
    town: random.pick(towns),
    newTown: random.pick(Object.values(TOWNS).flat()),
    household: random.pick(HOUSEHOLDS),
    tenureWords: tenureWords(customer.tenure_months),
    joined: `joined us ${tenureWords(customer.tenure_months)} ago`,
    age: String(random.int(74, 91)),
    carer: random.pick(CARERS),
    weekday: random.pick(WEEKDAYS),
    ref: `CR-${random.int(10000, 99999)}`,
    callDate: dayOf(random.int(0, 20) * 86_400_000 + (SNAPSHOT_DATE - last)),
    middleDate: dayOf(random.int(22, 24) * 86_400_000 + (SNAPSHOT_DATE - last)),
    earlierDate: dayOf(random.int(25, 70) * 86_400_000 + (SNAPSHOT_DATE - last)),
  };
}
