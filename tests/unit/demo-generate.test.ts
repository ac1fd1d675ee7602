import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { generateDemo } from "~/lib/demo/generate";
import { storyThemes } from "~/lib/demo/phrases-story";

const demo = generateDemo();
const customers = demo.dataset.customers;
const churnRate = (rows: typeof customers) => rows.filter((c) => c.churned).length / rows.length;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe("demo generator", () => {
  it("is deterministic for a seed, and a different seed gives a different demo", () => {
    const again = generateDemo();
    expect(again.dataset.csv).toBe(demo.dataset.csv);
    expect(again.documents).toEqual(demo.documents);
    expect(generateDemo(7).dataset.csv).not.toBe(demo.dataset.csv);
  });

  it("writes a 400-customer CSV with the documented columns and unique C-numbered keys", () => {
    const rows = parse(demo.dataset.csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(400);
    expect(Object.keys(rows[0]!)).toEqual([
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
    ]);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(400);
    for (const r of rows) {
      expect(r.customer_id).toMatch(/^C\d{4}$/);
      expect(r.churned).toMatch(/^(true|false)$/);
      expect(r.last_contact).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number(r.nps)).toBeGreaterThanOrEqual(0);
      expect(Number(r.nps)).toBeLessThanOrEqual(10);
      expect(r.monthly_spend).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it("places every coding exactly on the sentence it was generated for", () => {
    let count = 0;
    for (const doc of demo.documents) {
      for (const coding of doc.codings) {
        expect(coding.start).toBeGreaterThanOrEqual(0);
        expect(coding.end).toBeLessThanOrEqual(doc.text.length);
        expect(coding.end).toBeGreaterThan(coding.start);
        expect(doc.text.slice(coding.start, coding.end)).toBe(coding.quote);
        // A whole sentence: starts a paragraph or follows a space, ends the text or a sentence.
        expect(coding.start === 0 || /[\s]/.test(doc.text[coding.start - 1]!)).toBe(true);
        expect(coding.quote).toMatch(/[.!?"”]$/);
        count++;
      }
    }
    expect(count).toBeGreaterThan(150);
    // A promo-ended coding reads like one: it comes from that theme's templates, slots filled.
    const promo = demo.documents.flatMap((d) => d.codings).filter((c) => c.code === "promoEnded" && !c.quote.startsWith("Cust") && !c.quote.startsWith("Bill"));
    const patterns = storyThemes.promoEnded.coded.map((t) => new RegExp(`^${t.replace(/[.*+?^$()[\]\\|]/g, "\\$&").replace(/\{\w+\}/g, ".+")}$`));
    for (const c of promo) expect(patterns.some((p) => p.test(c.quote))).toBe(true);
  });

  it("ties documents to customers that exist, with a few customers twice and two documents with no case", () => {
    const keys = new Set(customers.map((c) => c.customer_id));
    expect(demo.documents).toHaveLength(60);
    const keyed = demo.documents.filter((d) => d.caseKey !== null);
    for (const d of keyed) expect(keys.has(d.caseKey!)).toBe(true);
    expect(demo.documents.filter((d) => d.caseKey === null)).toHaveLength(2);
    const perCustomer = new Map<string, number>();
    for (const d of keyed) perCustomer.set(d.caseKey!, (perCustomer.get(d.caseKey!) ?? 0) + 1);
    expect([...perCustomer.values()].filter((n) => n === 2)).toHaveLength(3);
    expect(new Set(demo.documents.map((d) => d.kind))).toEqual(new Set(["story", "field_note", "other"]));
    for (const d of demo.documents) {
      expect(words(d.text)).toBeGreaterThanOrEqual(150);
      expect(words(d.text)).toBeLessThanOrEqual(600);
      expect(d.text).not.toMatch(/lorem|ipsum|\{\w+\}|undefined|NaN/i);
    }
    expect(new Set(demo.documents.map((d) => d.title)).size).toBe(60);
  });

  it("makes the numbers tell the intended story: contact and complaints go with churn, tenure with loyalty", () => {
    const rate = churnRate(customers);
    expect(rate).toBeGreaterThan(0.1);
    expect(rate).toBeLessThan(0.35);
    const highContact = customers.filter((c) => c.calls_90d >= 4);
    expect(churnRate(highContact)).toBeGreaterThan(2 * churnRate(customers.filter((c) => c.calls_90d < 4)));
    expect(churnRate(customers.filter((c) => c.tenure_months >= 36))).toBeLessThan(churnRate(customers.filter((c) => c.tenure_months < 36)));
    expect(churnRate(customers.filter((c) => c.complaints_12m >= 1))).toBeGreaterThan(churnRate(customers.filter((c) => c.complaints_12m === 0)));
  });

  it("codes churned customers' documents more often as passed around and threatening to leave", () => {
    const churned = new Set(customers.filter((c) => c.churned).map((c) => c.customer_id));
    const docs = (left: boolean) => demo.documents.filter((d) => d.caseKey !== null && churned.has(d.caseKey) === left);
    const share = (left: boolean, code: string) => {
      const set = docs(left);
      return set.filter((d) => d.codings.some((c) => c.code === code)).length / set.length;
    };
    expect(docs(true).length).toBeGreaterThan(15);
    expect(share(true, "passedAround")).toBeGreaterThan(share(false, "passedAround") + 0.2);
    expect(share(true, "threatToLeave")).toBeGreaterThan(share(false, "threatToLeave") + 0.3);
    expect(share(false, "resolvedFirstTime")).toBeGreaterThan(share(true, "resolvedFirstTime") + 0.3);
  });

  it("has a hierarchical codebook, segments over real columns and links to existing codes and segments", () => {
    const keys = new Set(demo.codes.map((c) => c.key));
    const children = demo.codes.filter((c) => c.parent);
    expect(children.length).toBeGreaterThanOrEqual(9);
    for (const c of children) expect(demo.codes.findIndex((p) => p.key === c.parent)).toBeLessThan(demo.codes.indexOf(c));
    for (const c of demo.codes) expect(c.color).toMatch(/^#[0-9a-f]{6}$/i);
    const columns = new Set(Object.keys(customers[0]!));
    const names = new Set(demo.segments.map((s) => s.name));
    expect(names.size).toBeGreaterThanOrEqual(3);
    for (const s of demo.segments) {
      const conditions = "all" in s.filter ? s.filter.all : s.filter.any;
      for (const c of conditions) expect(columns.has((c as { column: string }).column)).toBe(true);
    }
    for (const l of demo.links) {
      expect(keys.has(l.code)).toBe(true);
      expect(names.has(l.segment)).toBe(true);
    }
    for (const m of demo.memos) {
      if (m.target.type === "document") expect(demo.documents[m.target.index]).toBeDefined();
      else expect(keys.has(m.target.code)).toBe(true);
    }
    expect(demo.memos.length).toBeGreaterThanOrEqual(3);
  });
});
