/**
 * Every event of a client read, read to the end. Breaking out of a read
 * early leaves its gRPC call unconsumed, and the client's `dispose()` then
 * waits for it forever.
 */
export async function drain<T>(read: AsyncIterable<unknown>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item as T);
  return items;
}
