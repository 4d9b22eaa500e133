/**
 * The citizen app's languages: the catalog type (every key of the Spanish source), and the
 * login app's locales, locale choice and `format`, shared so that both apps speak the same
 * eight languages chosen the same way. The worker picks the locale from Accept-Language and
 * sends the app only that catalog.
 */
import type { es } from "./es.ts";

export {
  acceptedLanguages,
  chooseLocale,
  format,
  LOCALES,
  type Locale,
  placeholders,
} from "../../../web-widget/src/i18n/catalog.ts";

export type MessageKey = keyof typeof es;
/** A complete catalog: every key of the Spanish source, translated. */
export type Catalog = Record<MessageKey, string>;
