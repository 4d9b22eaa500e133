/**
 * What the login app, framed by `<llave-login>`, tells the page. Both sides check the other's
 * exact origin: the app posts only to the origin the client registered for framing (the
 * target origin of every postMessage), the element accepts only messages from the issuer's
 * origin and from its own frame. Anything else is ignored.
 */
export const FRAME_MESSAGE = {
  /** The first screen is interactive. */
  ready: "llave:ready",
  /** The app's content height changed (CSS pixels). */
  resize: "llave:resize",
  /** The authorization response: `code` or `error`, with `state` and `iss` (RFC 9207). */
  response: "llave:response",
} as const;

export type AuthorizationResponseMessage = {
  type: typeof FRAME_MESSAGE.response;
  iss: string;
  state?: string;
  code?: string;
  error?: string;
  error_description?: string;
};

export type FrameMessage =
  | { type: typeof FRAME_MESSAGE.ready }
  | { type: typeof FRAME_MESSAGE.resize; height: number }
  | AuthorizationResponseMessage;

/** `--llave-*` custom properties a page may forward to the frame, and what each accepts. */
export const STYLE_PROPERTIES = {
  "--llave-color-primary": "color",
  "--llave-color-on-primary": "color",
  "--llave-color-background": "color",
  "--llave-color-text": "color",
  "--llave-radius": "length",
  "--llave-font": "font",
} as const;

export type StyleProperty = keyof typeof STYLE_PROPERTIES;
export type Theme = "light" | "dark" | "auto";
