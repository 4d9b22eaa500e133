/**
 * Constant-time comparison for secrets and their digests, so that the time a comparison takes
 * does not reveal how many leading characters matched.
 */
const encoder = new TextEncoder();

/** True when both strings are equal; runs over the longer length whatever the content. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const length = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
