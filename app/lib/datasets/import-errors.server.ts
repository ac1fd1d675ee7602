import { HttpError } from "../http/errors.server";

/**
 * A malformed CSV: 400 `invalid_csv`, naming the physical line (1-based, header = line 1, as a
 * text editor counts them) and the column. `line` and `column` also go in the error body's
 * `fields`, for clients that point at the spot.
 */
export class CsvFormatError extends HttpError {
  constructor(
    readonly line: number,
    readonly column: string | null,
    problem: string,
    /** csv-parse's code when the parser found it (e.g. CSV_QUOTE_NOT_CLOSED). */
    readonly reason?: string,
  ) {
    const where = column === null ? `Line ${line}` : `Line ${line}, column ${JSON.stringify(column)}`;
    super(400, "invalid_csv", `${where}: ${problem}`, {}, {
      line: String(line),
      ...(column === null ? {} : { column }),
    });
  }
}

export const invalidHeader = (message: string) => new HttpError(400, "invalid_header", message);

export const unknownKey = (key: string) =>
  new HttpError(422, "unknown_key", `The key column ${JSON.stringify(key)} is not one of the CSV's headers.`);

export const datasetNameTaken = (name: string) =>
  new HttpError(409, "dataset_exists", `This project already has a dataset named ${JSON.stringify(name)}.`);
