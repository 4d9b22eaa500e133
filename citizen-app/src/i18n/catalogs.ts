/**
 * All eight catalogs, for the worker, which renders the app's shell and sends the app the one
 * catalog of the chosen language. The browser never loads this module.
 */
import { ca } from "./ca.ts";
import type { Catalog, Locale } from "./catalog.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { eu } from "./eu.ts";
import { fr } from "./fr.ts";
import { gl } from "./gl.ts";
import { it } from "./it.ts";
import { ro } from "./ro.ts";

export const CATALOGS: Record<Locale, Catalog> = { es, ca, gl, eu, en, fr, it, ro };
