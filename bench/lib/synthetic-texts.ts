/**
 * Seeded synthetic short texts for the classifier bench: words drawn Zipf-like from a pool of
 * made-up words (so the vocabulary grows like real text), a code that applies when a text holds
 * one of a few signal words not right after "not", and some coder noise.
 */
import { seededRandom } from "../../app/lib/classifier/folds";

const SYLLABLES = "ka lo mi ne ru ta si po ve da fi gu ho ja be".split(" ");
const SIGNALS = ["landlord", "eviction", "mould", "deposit", "rent", "lease", "heating", "damp"];

export interface TextSource {
  /** A text of minChars…maxChars characters (cut at a word) and whether the code applies. */
  next(minChars: number, maxChars: number): { text: string; positive: boolean };
}

export function syntheticTexts(seed: number, { words = 3000, signalRate = 0.012, noise = 0.03 } = {}): TextSource {
  const random = seededRandom(seed);
  const pool = Array.from({ length: words }, () => {
    const n = 1 + Math.floor(random() * 3);
    return Array.from({ length: n }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join("");
  });
  // Zipf: word r is drawn with weight 1 / (r + 1); cumulative weights searched by bisection.
  const cumulative = new Float64Array(words);
  pool.reduce((sum, _, r) => (cumulative[r] = sum + 1 / (r + 1)), 0);
  const total = cumulative[words - 1] as number;
  const word = () => {
    const u = random() * total;
    let [lo, hi] = [0, words - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return pool[lo] as string;
  };
  return {
    next(minChars, maxChars) {
      const target = minChars + Math.floor(random() * (maxChars - minChars + 1));
      const out: string[] = [];
      let length = 0;
      let positive = false;
      while (length < target) {
        let w = word();
        if (random() < signalRate) {
          w = SIGNALS[Math.floor(random() * SIGNALS.length)] as string;
          if (out.at(-1) !== "not") positive = true;
        } else if (random() < 0.03) w = "not";
        if (length + w.length + 1 > maxChars) break;
        out.push(w);
        length += w.length + 1;
      }
      if (random() < noise) positive = !positive;
      return { text: `${out.join(" ")}.`, positive };
    },
  };
}
