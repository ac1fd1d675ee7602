/**
 * Number formatting for the dataset pages. A fixed locale, so the server render and the
 * browser's hydration print the same digits.
 */
const LOCALE = "en-GB";

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 1 });
const megabytes = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatInteger = (n: number) => integer.format(n);

/** Whole numbers as such, others to two decimals: a mean of 3.14159 reads 3.14. */
export const formatNumber = (n: number) => (Number.isInteger(n) ? integer.format(n) : decimal.format(n));

export const formatCompact = (n: number) => compact.format(n);

export const formatPercent = (share: number) => percent.format(share);

/** Bytes as megabytes with one decimal ("3.4 MB"); small files still read in MB. */
export const formatMegabytes = (bytes: number) => `${megabytes.format(bytes / (1024 * 1024))} MB`;

/** "1 row", "3,000 rows". */
export function plural(n: number, one: string, many = `${one}s`) {
  return `${integer.format(n)} ${n === 1 ? one : many}`;
}

const cell = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 });

/** A value in the data table: every digit the data has (up to six decimals), grouped. */
export const formatCell = (n: number) => cell.format(n);
