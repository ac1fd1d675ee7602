import type { DocumentKind } from "../../../db/kinds";
import type { DemoCustomer } from "./customers";
import type { ThemeKey, ThemePhrases } from "./phrases";
import { noteAdmin, noteOpeners, noteOutcomesLeft, noteOutcomesStayed, noteThemes } from "./phrases-note";
import { storyAsides, storyEndingsLeft, storyEndingsStayed, storyIntros, storyThemes } from "./phrases-story";
import { clamp, type Random } from "./random";
import { AGENTS, slotsFor } from "./slots";
import { fill, TextBuilder, type DemoCoding } from "./text-builder";

export interface DemoDocument {
  title: string;
  kind: DocumentKind;
  caseKey: string | null;
  text: string;
  codings: DemoCoding[];
}

/** The order themes are told in: what went wrong, how contact went, how it ended. */
const NARRATIVE: readonly ThemeKey[] = [
  "promoEnded",
  "unexpectedCharge",
  "outage",
  "slowSpeed",
  "movingHouse",
  "needsSupport",
  "longWait",
  "passedAround",
  "engineerVisit",
  "resolvedFirstTime",
  "threatToLeave",
  "priceMatch",
];

/**
 * Which themes a customer's document tells, from what happened to them and their numbers:
 * churned customers threaten to leave and were passed around; loyal ones were helped first time.
 */
export function themesFor(random: Random, c: DemoCustomer): ThemeKey[] {
  const e = c.experiences;
  const on = new Set<ThemeKey>();
  if (e.promoEnded) on.add("promoEnded");
  if (e.unexpectedCharge) on.add("unexpectedCharge");
  if (e.outage) on.add("outage");
  if (e.slowSpeed) on.add("slowSpeed");
  if (e.movingHouse) on.add("movingHouse");
  if (e.needsSupport) on.add("needsSupport");
  if (e.passedAround) on.add("passedAround");
  if (random.chance(c.calls_90d >= 3 ? 0.6 : 0.15)) on.add("longWait");
  if ((e.outage || e.slowSpeed) && random.chance(c.churned ? 0.25 : 0.7)) on.add("engineerVisit");
  if (!e.passedAround && random.chance(c.churned ? 0.08 : 0.55)) on.add("resolvedFirstTime");
  if (random.chance(c.churned ? 0.85 : c.complaints_12m > 0 ? 0.3 : 0.08)) on.add("threatToLeave");
  if (on.has("threatToLeave") && random.chance(c.churned ? 0.15 : 0.65)) on.add("priceMatch");
  // Every story says something: a quiet customer's is about the one call they made.
  if (on.size < 2) on.add(c.churned ? "longWait" : "resolvedFirstTime");
  if (on.size < 2) on.add("slowSpeed");
  return NARRATIVE.filter((t) => on.has(t));
}

/** A theme's sentences: sometimes a lead-in, one coded sentence (now and then two), follow-ups. */
function tellTheme(
  random: Random,
  b: TextBuilder,
  theme: ThemeKey,
  phrases: ThemePhrases,
  slots: Record<string, string>,
  style: { openChance: number; secondChance: number },
) {
  if (phrases.open.length > 0 && random.chance(style.openChance)) b.sentence(fill(random.pick(phrases.open), slots));
  const coded = random.shuffle(phrases.coded);
  const count = coded.length > 1 && random.chance(style.secondChance) ? 2 : 1;
  for (const sentence of coded.slice(0, count)) b.sentence(fill(sentence, slots), theme);
  for (const sentence of random.shuffle(phrases.follow).slice(0, random.int(0, 2))) b.sentence(fill(sentence, slots));
}

/** Tops a text up to `min` words with unused plain sentences, never past `max`. */
function pad(random: Random, b: TextBuilder, pool: readonly string[], slots: Record<string, string>, min: number, max: number) {
  for (const line of random.shuffle(pool)) {
    if (b.wordCount() >= min) break;
    const text = fill(line, slots);
    if (b.wordCount() + text.split(" ").length > max) break;
    b.sentence(text);
  }
}

const HEADLINES: Record<ThemeKey, string> = {
  promoEnded: "the bill that jumped",
  unexpectedCharge: "a charge out of nowhere",
  outage: "days without a connection",
  slowSpeed: "paying for speed, getting buffering",
  engineerVisit: "the engineer who fixed it",
  passedAround: "passed from department to department",
  longWait: "hours on hold",
  resolvedFirstTime: "one call, sorted",
  priceMatch: "a better deal, eventually",
  threatToLeave: "one step from leaving",
  movingHouse: "moving house",
  needsSupport: "lost in the phone menu",
};

export function composeStory(random: Random, c: DemoCustomer): DemoDocument {
  const slots = slotsFor(random, c);
  const themes = themesFor(random, c);
  const b = new TextBuilder();
  b.sentence(fill(random.pick(storyIntros), slots));
  if (random.chance(0.5)) b.sentence(fill(random.pick(storyAsides), slots));
  b.paragraph();
  const asides = random.shuffle(storyAsides);
  themes.forEach((theme, i) => {
    tellTheme(random, b, theme, storyThemes[theme], slots, { openChance: 0.7, secondChance: 0.25 });
    if (i % 2 === 1 && random.chance(0.3)) b.sentence(fill(asides.pop() ?? "", slots));
    if (random.chance(0.6) || i === themes.length - 1) b.paragraph();
  });
  b.sentence(fill(random.pick(c.churned ? storyEndingsLeft : storyEndingsStayed), slots));
  pad(random, b, asides, slots, 150, 600);
  const lead = themes.find((t) => t === "passedAround" || t === "promoEnded" || t === "outage") ?? themes[0]!;
  return {
    title: `${slots.name} ${slots.initial}., ${slots.town}: ${HEADLINES[lead]}`,
    kind: "story",
    caseKey: c.customer_id,
    text: b.text(),
    codings: b.codings,
  };
}

/** A case log of two or three calls, the themes spread across them in order. */
export function composeCallNotes(random: Random, c: DemoCustomer): DemoDocument {
  const slots = slotsFor(random, c);
  const themes = themesFor(random, c);
  const calls = clamp(Math.ceil(themes.length / 2), 2, 3);
  const b = new TextBuilder();
  const admin = random.shuffle(noteAdmin);
  for (let call = 0; call < calls; call++) {
    // Each call has its own date and, often, its own agent.
    const date = call === calls - 1 ? slots.callDate! : call === 0 ? slots.earlierDate! : slots.middleDate!;
    const agent = call === 0 ? slots.agent! : random.pick(AGENTS);
    b.sentence(fill(random.pick(noteOpeners), { ...slots, callDate: date, agent }));
    b.sentence(fill(admin.pop() ?? "DPA passed.", slots));
    const mine = themes.filter((_, i) => Math.floor((i * calls) / themes.length) === call);
    for (const theme of mine) tellTheme(random, b, theme, noteThemes[theme], { ...slots, agent }, { openChance: 0.5, secondChance: 0 });
    if (admin.length > 0 && random.chance(0.6)) b.sentence(fill(admin.pop()!, slots));
    if (call === calls - 1) b.sentence(random.pick(c.churned ? noteOutcomesLeft : noteOutcomesStayed));
    b.paragraph();
  }
  pad(random, b, admin, slots, 150, 600);
  return {
    title: `Call notes: ${c.customer_id} (${slots.town}, ${c.plan})`,
    kind: "field_note",
    caseKey: c.customer_id,
    text: b.text(),
    codings: b.codings,
  };
}
