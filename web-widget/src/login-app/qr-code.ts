/**
 * The mobile method's QR code as an inline SVG, redrawn in place with each frame the login API
 * hands out (docs/mobile.md, "QR frames"). Only `qr`'s encoder is imported (its main entry,
 * about 5 KB gzipped); the decoder and camera helpers never reach the login app.
 *
 * The symbol is one `<path>` built from the module matrix with DOM calls, never parsed markup,
 * and coloured by presentation attributes, not `style`: nothing here needs the page's CSP to
 * allow inline styles. It is always dark on white, whatever the theme, as scanners expect, with
 * the standard 4-module quiet zone.
 */
import encodeQR from "qr";

const SVG = "http://www.w3.org/2000/svg";

/** The dark modules of `text`'s QR code as path data, one run of modules per subpath. */
export function qrPath(text: string): { d: string; size: number } {
  const rows = encodeQR(text, "raw", { ecc: "medium", border: 4 });
  const runs: string[] = [];
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      runs.push(`M${start} ${y}h${x + 1 - start}v1H${start}z`);
    }
  });
  return { d: runs.join(""), size: rows.length };
}

export type QrCode = {
  /** An image to assistive technology, named by `label`; the frames never change the name. */
  element: SVGSVGElement;
  draw(text: string): void;
};

/** @example const qr = qrCode(t("mobile.qr.label")); box.append(qr.element); qr.draw(frame); */
export function qrCode(label: string): QrCode {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#fff");
  const modules = document.createElementNS(SVG, "path");
  modules.setAttribute("fill", "#000");
  svg.append(background, modules);
  return {
    element: svg,
    draw(text) {
      const { d, size } = qrPath(text);
      svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
      modules.setAttribute("d", d);
    },
  };
}
