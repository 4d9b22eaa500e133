/**
 * The colours the browser shows around the app (the manifest's theme and background, the
 * shell's `theme-color`): app.css's primary and backgrounds, light and dark.
 */
export const THEME = { light: "#0b4f8a", background: "#ffffff", dark: "#121417" } as const;
