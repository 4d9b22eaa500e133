import { describe, expect, it } from "vitest";
import {
  httpsUrlProblem,
  nonPublicHost,
  originProblem,
  redirectUriProblem,
  serverUrlProblem,
} from "./client-uris.ts";

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

describe("hosts Llave's servers may call", () => {
  const host = (url: string) => new URL(url).hostname;

  it.each([
    "https://sede.agencia.example/logout",
    "https://8.8.8.8/jwks",
    "https://172.32.0.1/jwks",
    "https://[2a00:1450:4003:80f::200e]/jwks",
    "https://[::ffff:8.8.8.8]/jwks",
    "https://[64:ff9b::808:808]/jwks",
  ])("accepts %s", (url) => {
    expect(nonPublicHost(host(url))).toBeNull();
  });

  it.each([
    ["https://127.0.0.1/x", /loopback/],
    ["https://127.254.1.1/x", /loopback/],
    ["https://2130706433/x", /loopback/],
    ["https://0x7f.1/x", /loopback/],
    ["https://0.0.0.0/x", /this network/],
    ["https://10.20.30.40/x", /10\.0\.0\.0\/8/],
    ["https://172.16.0.1/x", /172\.16\.0\.0\/12/],
    ["https://172.31.255.255/x", /172\.16\.0\.0\/12/],
    ["https://192.168.1.1/x", /192\.168/],
    ["https://169.254.169.254/latest/meta-data", /link-local/],
    ["https://100.64.0.1/x", /carrier-grade/],
    ["https://224.0.0.1/x", /multicast/],
    ["https://255.255.255.255/x", /reserved/],
    ["https://[::1]/x", /loopback/],
    ["https://[::]/x", /unspecified/],
    ["https://[::ffff:127.0.0.1]/x", /IPv4-mapped .*loopback/],
    ["https://[::ffff:a9fe:a9fe]/x", /IPv4-mapped .*link-local/],
    ["https://[64:ff9b::a00:1]/x", /NAT64 .*private/],
    ["https://[2002:c0a8:101::1]/x", /6to4 .*private/],
    ["https://[fc00::1]/x", /unique local/],
    ["https://[fd12:3456::1]/x", /unique local/],
    ["https://[fe80::1]/x", /link-local/],
    ["https://[febf::1]/x", /link-local/],
    ["https://[ff02::1]/x", /multicast/],
    ["https://[2001:db8::1]/x", /documentation/],
    ["https://localhost/x", /local machine/],
    ["https://localhost./x", /local machine/],
    ["https://api.localhost/x", /local machine/],
    ["https://printer.local/x", /local machine/],
    ["https://metadata.google.internal/x", /local machine/],
    ["https://router.home.arpa/x", /local machine/],
    ["https://intranet/x", /single-label/],
  ])("refuses %s", (url, reason) => {
    expect(nonPublicHost(host(url))).toMatch(reason);
  });

  it("are judged only outside dev mode, with a message that says why", () => {
    expect(serverUrlProblem("http://localhost:8788/logout", true)).toBeNull();
    expect(serverUrlProblem("https://10.0.0.5/logout", false)).toMatch(
      /public internet host; this is a private address \(10\.0\.0\.0\/8\).*DEV_MODE/,
    );
    expect(serverUrlProblem("https://sede.agencia.example/logout", false)).toBeNull();
  });
});
