/**
 * Time as an injected port: flows take `now` from here, so tests move time by passing a
 * different clock instead of using fake timers, and expiry is always computed from stored
 * timestamps rather than from timers having fired.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
