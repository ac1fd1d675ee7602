import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * The upload as it streams past, kept in a temporary file so a second pass (wider column types,
 * finding a duplicate key's line) can read it again without the client sending it twice.
 */
export class Spool {
  readonly path = path.join(os.tmpdir(), `thicket-dataset-${randomBytes(8).toString("hex")}.csv`);
  private readonly out = createWriteStream(this.path, { highWaterMark: 1 << 20 });
  private error: Error | null = null;

  constructor() {
    this.out.on("error", (err) => (this.error ??= err));
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.error) throw this.error;
    if (!this.out.write(chunk)) await once(this.out, "drain");
  }

  async close(): Promise<void> {
    if (this.out.writableFinished) return;
    this.out.end();
    await once(this.out, "finish");
    if (this.error) throw this.error;
  }

  read(): AsyncIterable<Buffer> {
    return createReadStream(this.path, { highWaterMark: 1 << 16 });
  }

  async remove(): Promise<void> {
    if (!this.out.closed) this.out.destroy();
    await rm(this.path, { force: true });
  }
}
