/**
 * A byte stream read on demand from an async generator: each read of the response body runs
 * the generator one step, so a slow client slows the export down instead of filling memory.
 */
export function readableFrom<T>(chunks: AsyncGenerator<T>, toBytes: (chunk: T) => Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(toBytes(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
