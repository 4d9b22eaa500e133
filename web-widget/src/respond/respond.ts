/**
 * The authorization response page inside `<llave-login>` (response_mode=web_message): hands
 * the response in `#llave-response` to the embedding page, to the registered origin only.
 * Opened outside a frame it does nothing: there is no page to answer.
 */
const data = document.getElementById("llave-response")?.textContent;
if (data && window.parent !== window) {
  const { origin, message } = JSON.parse(data) as { origin: string; message: unknown };
  window.parent.postMessage(message, origin);
}
