import { describe, expect, it } from "vitest";
import {
  REDACTION_KINDS,
  ibanChecksumValid,
  luhnValid,
  redact,
  redactionLabels,
  redactionPlaceholders,
  type RedactionKind,
} from "~/lib/contributions/redact";

const masked = (text: string, people?: string[]) => redact(text, { people }).text;
const count = (text: string, kind: RedactionKind, people?: string[]) =>
  redact(text, { people }).found.find((f) => f.kind === kind)?.count ?? 0;

describe("e-mail addresses", () => {
  it.each([
    ["jane@example.org", "[EMAIL]"],
    ["Write to jane.doe+tickets@mail.example.co.uk.", "Write to [EMAIL]."],
    ["(o_connor-99@sub.example.ie)", "([EMAIL])"],
    ["mailto:support@example.com", "mailto:[EMAIL]"],
    ["josé.garcía@correo.example.es", "[EMAIL]"],
    ["Email:JANE@EXAMPLE.ORG, thanks", "Email:[EMAIL], thanks"],
  ])("masks %j", (input, expected) => {
    expect(masked(input)).toBe(expected);
  });

  it("masks an address inside a URL and keeps the rest of the URL", () => {
    expect(masked("see https://example.com/u/jane@example.org?x=1")).toBe("see https://example.com/u/[EMAIL]?x=1");
  });

  it.each(["@jane on the forum", "jane@localhost", "an @ sign", "user@", "@example.org", "a@b.c"])(
    "leaves %j alone",
    (input) => {
      expect(masked(input)).toBe(input);
    },
  );
});

describe("phone numbers", () => {
  it.each([
    "+44 20 7946 0958",
    "020 7946 0958",
    "07700 900123",
    "07700900123",
    "+44 7700 900123",
    "+44 (0)20 7946 0958",
    "(020) 7946 0958",
    "+1 (415) 555-2671",
    "+14155552671",
    "(415) 555-2671",
    "415-555-2671",
    "1-415-555-2671",
    "+33 1 23 45 67 89",
    "01 23 45 67 89",
    "0049-30-1234567",
    "0033 1 23 45 67 89",
    "+49 30 1234567",
    "+49.30.1234567",
    "+81 3-1234-5678",
    "0800 123 4567",
  ])("masks %j", (phone) => {
    expect(masked(`call ${phone} today`)).toBe("call [PHONE] today");
  });

  it("masks after a label and before punctuation", () => {
    expect(masked("Tel:020 7946 0958, mob. 07700 900123.")).toBe("Tel:[PHONE], mob. [PHONE].");
    expect(masked("tel:+442079460958")).toBe("tel:[PHONE]");
  });

  it.each([
    ["a date", "on 2024-03-01 and 01/03/2024 and 01.03.2024 and 2024-03-01 2024-03-02"],
    ["times", "open 09:30-17:45, back at 10.30"],
    ["money", "paid £1,234.56, then $12,345,678.90 and €1.234.567,89 and £1234567890"],
    ["short order ids", "order 123456, order #00123456, ref 1234567, case 0012345"],
    ["a URL's path digits", "https://example.com/orders/02079460958/items/4412345678"],
    ["version numbers and decimals", "v1.2.3, pi 3.14159265358, 0.1234567890"],
    ["an IP address", "host 192.168.100.201"],
    ["lists of small numbers", "0 1 2 3 4 5 6 7 8 9 and 1 2 3 4 5 6 7 8 9 10 11 12"],
    ["a long numeric id", "id 1234567890 and 98765432109876"],
    ["more digits than E.164 allows", "+4420794609581234567"],
  ])("leaves %s alone", (_what, text) => {
    expect(masked(text)).toBe(text);
  });

  it("still treats a URL as a URL after an e-mail in it was masked", () => {
    expect(masked("https://example.com/u/jane@example.org/call/02079460958 or 020 7946 0958")).toBe(
      "https://example.com/u/[EMAIL]/call/02079460958 or [PHONE]",
    );
  });

  it("stops a phone at the space before a trailing number", () => {
    expect(masked("Call 020 7946 0958 2 times")).toBe("Call [PHONE] 2 times");
  });
});

describe("payment cards (Luhn)", () => {
  it("implements the Luhn check", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("41x1")).toBe(false);
  });

  it.each([
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "4111111111111111",
    "5555 5555 5555 4444",
    "3782 822463 10005",
    "3056 930902 5904",
    "4222222222222",
    "6011 0009 9013 9424",
  ])("masks %j", (card) => {
    expect(masked(`card ${card}, exp 12/26`)).toBe("card [CARD], exp 12/26");
  });

  it("does not mask a 16-digit number that fails the Luhn check", () => {
    for (const text of ["4111 1111 1111 1112", "4111111111111112", "1234-5678-9012-3456"]) {
      expect(luhnValid(text.replace(/\D/g, ""))).toBe(false);
      expect(redact(text).found).toEqual([]);
      expect(masked(text)).toBe(text);
    }
  });

  it.each([
    ["mixed separators", "4111 1111-1111 1111"],
    ["a 0-leading number", "0000 0000 0000 0000"],
    ["glued to letters", "TX4111111111111111"],
    ["a decimal", "0.4111111111111111"],
    ["12 digits", "4111 1111 1111"],
    ["odd grouping", "41 11 11 11 11 11 11 11"],
  ])("leaves %s alone", (_what, text) => {
    expect(masked(text)).toBe(text);
  });

  it("finds a card after a reference number in the same run of digits", () => {
    expect(masked("ref 12 4111 1111 1111 1111 thanks")).toBe("ref 12 [CARD] thanks");
  });

  it("masks a card in a URL (payment data is never harmless)", () => {
    expect(masked("https://shop.example/pay?pan=4111111111111111")).toBe("https://shop.example/pay?pan=[CARD]");
  });
});

describe("IBANs (ISO 7064 mod 97-10)", () => {
  it("implements the check", () => {
    expect(ibanChecksumValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanChecksumValid("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(ibanChecksumValid("GB82WEST12345698765433")).toBe(false);
    expect(ibanChecksumValid("GB01WEST12345698765432")).toBe(false);
    expect(ibanChecksumValid("GB82")).toBe(false);
  });

  it.each([
    "GB82 WEST 1234 5698 7654 32",
    "GB82WEST12345698765432",
    "DE89 3704 0044 0532 0130 00",
    "de89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "BE68 5390 0754 7034",
    "NO93 8601 1117 947",
    "CH93 0076 2011 6238 5295 7",
  ])("masks %j", (iban) => {
    expect(masked(`pay to ${iban}. Thanks`)).toBe("pay to [IBAN]. Thanks");
  });

  it("ends the IBAN at its country's length, not at the next word", () => {
    expect(masked("GB82 WEST 1234 5698 7654 32 ABCD please")).toBe("[IBAN] ABCD please");
  });

  it.each([
    ["a wrong check digit", "GB82 WEST 1234 5698 7654 33"],
    ["a too-short code", "GB82 WEST 1234"],
    ["glued to letters", "XGB82WEST12345698765432"],
  ])("leaves %s alone", (_what, text) => {
    expect(redact(text).found.filter((f) => f.kind === "iban")).toEqual([]);
  });
});

describe("UK postcodes", () => {
  it.each([
    "SW1A 1AA",
    "sw1a 1aa",
    "SW1A1AA",
    "EC1A 1BB",
    "W1A 0AX",
    "M1 1AE",
    "B33 8TH",
    "CR2 6XH",
    "DN55 1PT",
    "GIR 0AA",
    "gir0aa",
    "L1 8JQ",
  ])("masks %j", (postcode) => {
    expect(masked(`lives at ${postcode}, near the park`)).toBe("lives at [POSTCODE], near the park");
  });

  it.each([
    ["Q as first letter", "QA1 1AA"],
    ["I as second letter", "AI1 1AA"],
    ["C in the inward code", "SW1A 1AC"],
    ["a letter where the A9A pattern forbids it", "W1Z 1AA"],
    ["an inward code without digit", "SW1A AAA"],
    ["an ordinal after a road", "took the M25 2nd exit"],
    ["glued to letters", "XSW1A 1AA"],
    ["an extra letter", "SW1A 1AAB"],
  ])("leaves %s alone", (_what, text) => {
    expect(masked(text)).toBe(text);
  });
});

describe("National Insurance numbers (HMRC NIM39110)", () => {
  it.each(["AB 12 34 56 C", "AB123456C", "ab123456d", "JG 103759 A", "ZX 12 34 56 B"])("masks %j", (ni) => {
    expect(masked(`NI ${ni}.`)).toBe("NI [NI_NUMBER].");
  });

  it.each([
    ["HMRC's sample QQ prefix", "QQ 12 34 56 C"],
    ["D first", "DA 12 34 56 A"],
    ["F second", "AF 12 34 56 A"],
    ["O second", "AO 12 34 56 A"],
    ["BG", "BG 12 34 56 A"],
    ["GB", "GB123456A"],
    ["KN", "KN123456A"],
    ["NK", "NK123456A"],
    ["NT", "NT123456A"],
    ["TN", "TN123456A"],
    ["ZZ", "ZZ123456A"],
    ["suffix E", "AB 12 34 56 E"],
    ["five digits", "AB 12 34 5 C"],
    ["glued to letters", "XAB123456C"],
  ])("leaves %s alone", (_what, text) => {
    expect(masked(text)).toBe(text);
  });
});

describe("names of people mentioned", () => {
  it("masks whole words, case-insensitively, with possessives", () => {
    expect(masked("Maria said maria's son and MARIA’s dog met James' cat.", ["Maria", "James"])).toBe(
      "[NAME] said [NAME]'s son and [NAME]’s dog met [NAME]' cat.",
    );
  });

  it("does not mask a name inside a longer word", () => {
    expect(masked("Marianne and Rosemary, not Maria2", ["Maria", "Rose"])).toBe("Marianne and Rosemary, not Maria2");
  });

  it("handles accents, composed or decomposed, without touching other bytes", () => {
    const decomposed = "Jose\u0301";
    expect(masked(`José, JOSÉ and ${decomposed} came; Jose did not`, ["José"])).toBe(
      "[NAME], [NAME] and [NAME] came; Jose did not",
    );
    expect(masked("Zoë and Zoe", ["Zoë"])).toBe("[NAME] and Zoe");
    expect(masked("Łukasz Żółć", ["łukasz żółć"])).toBe("[NAME]");
    expect(masked("Jose\u0301 Ramírez", ["Jo"])).toBe("Jose\u0301 Ramírez");
  });

  it("prefers the longest name and matches across line breaks", () => {
    const people = ["Maria", "Maria Garcia"];
    expect(masked("Maria Garcia called; Maria\nGarcia again; then Maria.", people)).toBe(
      "[NAME] called; [NAME] again; then [NAME].",
    );
    expect(count("Maria Garcia called", "name", people)).toBe(1);
  });

  it("treats apostrophes and hyphens alike and escapes regex characters", () => {
    expect(masked("O’Brien and O'Brien and Anne‐Marie", ["O'Brien", "Anne-Marie"])).toBe("[NAME] and [NAME] and [NAME]");
    expect(masked("a (b) c", ["(b)"])).toBe("a (b) c");
    expect(masked("Dr. X.Y. came", ["X.Y"])).toBe("Dr. [NAME]. came");
  });

  it("ignores empty and one-letter names and duplicates", () => {
    expect(masked("J and I went", ["", "  ", "J", "I"])).toBe("J and I went");
    expect(count("Ann met Ann", "name", ["Ann", "ann", " Ann "])).toBe(2);
  });

  it("does not mask a name inside an e-mail address, which is masked as an address", () => {
    expect(redact("maria@example.org", { people: ["Maria"] })).toEqual({
      text: "[EMAIL]",
      found: [{ kind: "email", count: 1 }],
    });
  });

  it("never matches inside a placeholder", () => {
    expect(masked("[EMAIL] and Email and [NAME]", ["email", "name"])).toBe("[EMAIL] and [NAME] and [NAME]");
  });
});

describe("overlapping candidates", () => {
  it("reads an IBAN's digits as an IBAN, not a card or phone", () => {
    expect(redact("GB82 WEST 1234 5698 7654 32").found).toEqual([{ kind: "iban", count: 1 }]);
    expect(redact("DE89370400440532013000").found).toEqual([{ kind: "iban", count: 1 }]);
  });

  it("reads a card as a card, then the phone beside it as a phone", () => {
    expect(redact("4111 1111 1111 1111 020 7946 0958")).toEqual({
      text: "[CARD] [PHONE]",
      found: [
        { kind: "card", count: 1 },
        { kind: "phone", count: 1 },
      ],
    });
  });

  it("reads phone-like digits in an e-mail as part of the address", () => {
    expect(redact("02079460958@example.com").found).toEqual([{ kind: "email", count: 1 }]);
  });

  it("separates a postcode, an NI number and a phone in a row", () => {
    expect(masked("SW1A 1AA AB 12 34 56 C 020 7946 0958")).toBe("[POSTCODE] [NI_NUMBER] [PHONE]");
  });

  it("masks a phone glued to a masked name (a later pass sees the new boundary)", () => {
    expect(masked("Maria+44 20 7946 0958", ["Maria"])).toBe("[NAME][PHONE]");
  });
});

const PARAGRAPH = `Customer called at 14:05 on 01/03/2024 about order 58213 (ticket #448812).
Caller: Maria Fernández, says her husband Tomás's card 4111 1111 1111 1111 was charged twice
(£1,234.56 on 2024-02-28). She gave her mobile 07700 900123 and landline +44 20 7946 0958,
e-mail maria.fernandez@example.co.uk, and said refunds should go to GB82 WEST 1234 5698 7654 32.
Address postcode is sw1a 1aa; NI number AB 12 34 56 C for the benefits check.
Her sister in Lyon (+33 1 23 45 67 89) can be reached too. Tracking: https://track.example.com/p/02079460958.
Maria's old card 4111 1111 1111 1112 was cancelled in 2019.`;

describe("a realistic contact-centre note", () => {
  const people = ["Maria Fernández", "Maria", "Tomás"];

  it("masks every personal detail and keeps everything else", () => {
    const result = redact(PARAGRAPH, { people });
    expect(result.text).toBe(`Customer called at 14:05 on 01/03/2024 about order 58213 (ticket #448812).
Caller: [NAME], says her husband [NAME]'s card [CARD] was charged twice
(£1,234.56 on 2024-02-28). She gave her mobile [PHONE] and landline [PHONE],
e-mail [EMAIL], and said refunds should go to [IBAN].
Address postcode is [POSTCODE]; NI number [NI_NUMBER] for the benefits check.
Her sister in Lyon ([PHONE]) can be reached too. Tracking: https://track.example.com/p/02079460958.
[NAME]'s old card 4111 1111 1111 1112 was cancelled in 2019.`);
    expect(result.found).toEqual([
      { kind: "email", count: 1 },
      { kind: "iban", count: 1 },
      { kind: "card", count: 1 },
      { kind: "ni_number", count: 1 },
      { kind: "postcode", count: 1 },
      { kind: "phone", count: 3 },
      { kind: "name", count: 3 },
    ]);
  });

  it("is idempotent: redacting the result again changes nothing and finds nothing", () => {
    const once = redact(PARAGRAPH, { people });
    const twice = redact(once.text, { people });
    expect(twice.text).toBe(once.text);
    expect(twice.found).toEqual([]);
  });
});

describe("idempotence and byte-for-byte preservation", () => {
  const samples = [
    "jane@example.org 4111 1111 1111 1111 +44 20 7946 0958 GB82 WEST 1234 5698 7654 32 SW1A 1AA AB123456C",
    "Maria+44 20 7946 0958 and Maria's 07700 900123",
    "[PHONE] [CARD]   spaces\tand\ttabs\r\nand CRLF — “quotes” 🙂",
  ];

  it.each(samples)("redact(redact(x)) === redact(x) for %j", (text) => {
    const once = redact(text, { people: ["Maria"] }).text;
    expect(redact(once, { people: ["Maria"] })).toEqual({ text: once, found: [] });
  });

  it("returns text without details unchanged, including odd whitespace and emoji", () => {
    const text = "Nothing here:\t tabs, \r\nCRLF, emoji 🙂, NBSP\u00A0and zero-width\u200Bspace. [NOT_A_PLACEHOLDER]";
    expect(redact(text)).toEqual({ text, found: [] });
    expect(redact("")).toEqual({ text: "", found: [] });
  });

  it("stays fast on long input without details", () => {
    const text = [
      "a".repeat(200_000),
      "1".repeat(50_000),
      "1 ".repeat(30_000),
      "12-".repeat(20_000),
      "a@" + "b.".repeat(20_000) + "1",
      "GB82 ".repeat(20_000),
      " x.".repeat(20_000),
    ].join(" ");
    const started = performance.now();
    redact(text, { people: ["Maria"] });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("labels and placeholders", () => {
  it("has a label and a distinct placeholder for every kind", () => {
    for (const kind of REDACTION_KINDS) {
      expect(redactionLabels[kind]).toMatch(/\S/);
      expect(redactionPlaceholders[kind]).toMatch(/^\[[A-Z_]+\]$/);
    }
    expect(new Set(Object.values(redactionPlaceholders)).size).toBe(REDACTION_KINDS.length);
  });
});
