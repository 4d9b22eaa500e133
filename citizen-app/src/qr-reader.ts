/**
 * Reads QR codes from the camera: the rear camera into a `<video>`, then each frame through
 * the browser's `BarcodeDetector` where it has one for QR codes (Chromium on Android, Safari
 * 17+), else drawn to a canvas, at most 640 px wide, and decoded with paulmillr's `qr`
 * decoder. About five frames a second: the login page's QR changes every second and a frame
 * stays valid for five, so that is plenty and spares the battery.
 */
import decodeQR from "qr/decode.js";

const FRAME_MS = 200;
const MAX_WIDTH = 640;

/** The part of the Shape Detection API used here (not in TypeScript's DOM types). */
type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorClass = {
  new (options: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
};

export type CameraProblem = "unavailable" | "denied" | "none" | "failed";

export class CameraError extends Error {
  readonly problem: CameraProblem;
  constructor(problem: CameraProblem) {
    super(`camera ${problem}`);
    this.problem = problem;
  }
}

async function nativeDetector(): Promise<Detector | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    const formats = await Native.getSupportedFormats();
    return formats.includes("qr_code") ? new Native({ formats: ["qr_code"] }) : null;
  } catch {
    return null;
  }
}

/** A detector over a canvas with the `qr` decoder; a frame without a code reads as none. */
function canvasDetector(): Detector {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return {
    async detect(video) {
      if (!context || video.videoWidth === 0) return [];
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      try {
        return [{ rawValue: decodeQR(context.getImageData(0, 0, canvas.width, canvas.height)) }];
      } catch {
        return [];
      }
    },
  };
}

function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "none";
  return "failed";
}

export type QrReader = { stop(): void };

/**
 * Starts the camera into `video` and calls `found` with the text of each QR code read (the
 * same text again only after a different one). Rejects with a `CameraError`.
 */
export async function startQrReader(
  video: HTMLVideoElement,
  found: (text: string) => void,
): Promise<QrReader> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError("unavailable");
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: "environment" } },
      audio: false,
    });
  } catch (error) {
    throw new CameraError(cameraProblem(error));
  }
  let stopped = false;
  let timer: number | undefined;
  const stop = () => {
    stopped = true;
    window.clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.srcObject = stream;
  try {
    await video.play();
  } catch {
    stop();
    throw new CameraError("failed");
  }
  const detector = (await nativeDetector()) ?? canvasDetector();
  let last = "";
  const scan = async () => {
    if (stopped) return;
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
      const codes = await detector.detect(video).catch(() => []);
      const text = codes[0]?.rawValue;
      if (!stopped && text && text !== last) {
        last = text;
        found(text);
      }
    }
    if (!stopped) timer = window.setTimeout(scan, FRAME_MS);
  };
  void scan();
  return { stop };
}
