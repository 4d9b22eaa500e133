/**
 * What the worker gives the app when it renders `/app/`: a JSON document in
 * `<script type="application/json" id="llave-app-boot">`, read once at start, with the one
 * catalog of the chosen language.
 */
import type { Catalog, Locale } from "./i18n/catalog.ts";

export type Boot = {
  locale: Locale;
  messages: Catalog;
  /** The issuer's origin: proofs name it in `htu` (docs/mobile.md "Device proofs"). */
  origin: string;
  /** The administration's time zone (worker config TIME_ZONE): times are shown in it. */
  timeZone: string;
};

export const BOOT_ELEMENT_ID = "llave-app-boot";
