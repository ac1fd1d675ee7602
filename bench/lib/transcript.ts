/**
 * A long, varied interview transcript for render benchmarks: speakers, timestamps and sentences
 * from a small vocabulary, deterministic (seeded) so every run draws the same document.
 */
const speakers = ["Interviewer", "Maria", "Dev", "Aisha", "Tom"];
const openers = ["Honestly,", "So", "Well,", "The thing is,", "I mean,", "And then", "To be fair,", "At first"];
const subjects = ["the bill", "the agent", "my contract", "the app", "the refund", "the engineer", "the letter", "the queue"];
const verbs = ["took", "changed", "didn't explain", "kept", "went up", "arrived", "felt like", "never showed"];
const endings = [
  "three weeks to sort out.",
  "nothing I could understand.",
  "more than I expected.",
  "the last straw for me.",
  "fine until the second month.",
  "a surprise every time.",
  "no reply at all.",
  "exactly what they promised.",
];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeTranscript(chars: number, seed = 42): string {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const lines: string[] = [];
  let length = 0;
  for (let second = 0; length < chars; second += 7) {
    const time = new Date(second * 1000).toISOString().slice(11, 19);
    const sentences = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => `${pick(openers)} ${pick(subjects)} ${pick(verbs)} ${pick(endings)}`);
    const line = `[${time}] ${pick(speakers)}: ${sentences.join(" ")}`;
    lines.push(line);
    length += line.length + 2;
  }
  return lines.join("\n\n").slice(0, chars);
}

export { seeded };
