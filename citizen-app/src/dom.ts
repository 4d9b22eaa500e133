/**
 * The login app's DOM helpers, shared: `h()` builds elements (text always as text), `field()`
 * a labelled input with its hint and error tied to it for assistive technology.
 */
export { h, show } from "../../web-widget/src/login-app/dom.ts";
export { type Field, field, setHint } from "../../web-widget/src/login-app/field.ts";
