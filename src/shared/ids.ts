/** A random, sortable-enough record id. crypto.randomUUID exists in browsers and Node. */
export function newId(): string {
  return crypto.randomUUID();
}
