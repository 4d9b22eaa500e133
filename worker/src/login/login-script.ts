/**
 * The minimal login page's script (served as /login/assets/login.js, same origin, no inline
 * script so the page's CSP can forbid it): Get PIN, verify, then continue.
 */
export const LOGIN_SCRIPT = `"use strict";
(() => {
  const request = document.getElementById("pin-request");
  const verify = document.getElementById("pin-verify");
  const status = document.getElementById("status");
  const proceed = document.getElementById("continue");
  const loginId = request.dataset.login;
  const api = (path, body) =>
    fetch("/api/logins/" + loginId + path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => ({ ok: r.ok, body: await r.json() }));
  request.addEventListener("submit", async (event) => {
    event.preventDefault();
    const f = new FormData(request);
    const r = await api("/pin", {
      document: f.get("document"),
      contrast: { kind: f.get("kind"), value: f.get("contrast") },
      channel: f.get("channel"),
    });
    if (!r.ok) { status.textContent = r.body.detail || r.body.title; return; }
    status.textContent = "Si los datos son correctos, recibirá un PIN en unos segundos.";
    verify.hidden = false;
    document.getElementById("pin").focus();
  });
  verify.addEventListener("submit", async (event) => {
    event.preventDefault();
    const r = await api("/pin/verify", { pin: new FormData(verify).get("pin") });
    if (!r.ok) { status.textContent = r.body.detail || r.body.title; return; }
    status.textContent = "Identidad verificada.";
    proceed.hidden = false;
    proceed.submit();
  });
})();
`;
