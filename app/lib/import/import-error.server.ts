/**
 * A file that cannot become a document. Its message is written for the person who chose the
 * file (what is wrong and what to do), and is shown beside the file field.
 */
export class ImportError extends Error {
  override name = "ImportError";
}
