/**
 * Inside `<llave-login>`: tell the embedding page when the first screen is ready and how tall
 * the content is, so the element can size the frame. Messages go only to the origin the client
 * registered for framing (the page's CSP `frame-ancestors` already allows only that origin);
 * the app listens to nothing from the page.
 */
import { FRAME_MESSAGE, type FrameMessage } from "../frame-messages.ts";

export function connectFrame(origin: string): { ready(): void } {
  const post = (message: FrameMessage) => window.parent.postMessage(message, origin);
  let last = 0;
  const resize = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ type: FRAME_MESSAGE.resize, height });
  };
  new ResizeObserver(resize).observe(document.documentElement);
  return {
    ready() {
      resize();
      post({ type: FRAME_MESSAGE.ready });
    },
  };
}
