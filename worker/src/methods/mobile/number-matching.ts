/**
 * Number matching (NIST SP 800-63B-4 3.1.3, SECURITY.md "Mobile approvals"): the browser shows
 * a two-digit number, the app offers it among three, and only the right pick approves. A bare
 * "approve" carries no secret from the browser, so it never completes a login; a wrong pick
 * ends the login, so guessing gets one chance in three, once.
 */
import type { Random } from "../../crypto/random.ts";

export type Choices = [number, number, number];

/** A uniform integer in [10, 99], by rejection sampling. */
function twoDigits(random: Random): number {
  for (;;) {
    for (const byte of random.bytes(8)) {
      if (byte < 180) return 10 + (byte % 90);
    }
  }
}

/** The number the browser shows and the three the app offers (it among them, shuffled). */
export function numberChallenge(random: Random): { number: number; choices: Choices } {
  const number = twoDigits(random);
  const picked = new Set([number]);
  while (picked.size < 3) picked.add(twoDigits(random));
  const choices = [...picked];
  // Fisher–Yates with unbiased indices (the list is tiny; a byte per swap, rejected if biased).
  for (let i = choices.length - 1; i > 0; i--) {
    let byte = 255;
    while (byte >= 256 - (256 % (i + 1))) byte = random.bytes(1)[0] ?? 255;
    const j = byte % (i + 1);
    [choices[i], choices[j]] = [choices[j] as number, choices[i] as number];
  }
  return { number, choices: choices as Choices };
}
