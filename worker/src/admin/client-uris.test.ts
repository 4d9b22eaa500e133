import { describe, expect, it } from "vitest";
import { httpsUrlProblem, originProblem, redirectUriProblem } from "./client-uris.ts";

describe("redirect URIs", () => {
  it.each([
    "https://sede.agencia.example/callback",
    "https://sede.agencia.example:8443/cb?tenant=1",
    "http://localhost:8788/callback",
    "http://127.0.0.1/cb",
    "http://[::1]:8788/cb",
  ])("accepts %s", (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ["agencia.example/cb", /absolute URL/],
    ["/callback", /absolute URL/],
    ["http://agencia.example/cb", /only allowed on localhost/],
    ["http://localhost.agencia.example/cb", /only allowed on localhost/],
    ["http://127.0.0.2/cb", /only allowed on localhost/],
    ["https://agencia.example/cb#top", /fragment/],
    ["https://agencia.example/cb#", /fragment/],
    ["https://user:secret@agencia.example/cb", /credentials/],
    ["javascript:alert(1)", /https/],
    ["data:text/html,hi", /https/],
    ["ftp://agencia.example/cb", /https/],
    ["https://agencia.example/c b", /ASCII/],
    [" https://agencia.example/cb", /ASCII/],
    ["https://agencia.example/cb\n", /ASCII/],
    ["https://agéncia.example/cb", /ASCII/],
  ])("refuses %s", (uri, reason) => {
    expect(redirectUriProblem(uri)).toMatch(reason);
  });
});

describe("https URLs", () => {
  it("accept https only, even on loopback", () => {
    expect(httpsUrlProblem("https://agencia.example/jwks.json")).toBeNull();
    expect(httpsUrlProblem("http://localhost/jwks.json")).toMatch(/https/);
  });
});

describe("origins", () => {
  it.each([
    "https://sede.agencia.example",
    "https://sede.agencia.example:8443",
    "http://localhost:8788",
    "http://[::1]:8788",
  ])("accepts %s", (origin) => {
    expect(originProblem(origin)).toBeNull();
  });

  it.each([
    ["https://sede.agencia.example/", /origin/],
    ["https://sede.agencia.example/login", /origin/],
    ["https://sede.agencia.example?x", /origin/],
    ["https://sede.agencia.example:443", /origin/],
    ["https://Sede.Agencia.example", /origin/],
    ["http://sede.agencia.example", /only allowed on localhost/],
    ["null", /absolute URL/],
  ])("refuses %s", (origin, reason) => {
    expect(originProblem(origin)).toMatch(reason);
  });
});
