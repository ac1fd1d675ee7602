/**
 * A file that cannot become a document. Its message is written for the person who chose the
 * file (what is wrong and what to do), and is shown beside the file field.
 */
export class ImportError extends Error {
  override name = "ImportError";
  /** The file unpacks or converts to more than the server takes: a 413 rather than a 400. */
  readonly tooLarge: boolean;

  constructor(message: string, opts: { tooLarge?: boolean } = {}) {
    super(message);
    this.tooLarge = opts.tooLarge ?? false;
  }
}
