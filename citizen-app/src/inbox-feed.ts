/**
 * The inbox, live (docs/mobile.md "Session and inbox"): the items the server holds for this
 * device, kept up to date through a WebSocket (`POST /api/app/socket-ticket`, then
 * `/api/app/socket?ticket=…`), which sends each new item, each removal and `revoked`.
 *
 * When the socket drops, the inbox is polled every 5 s and the socket retried with
 * exponential back-off (1 s doubling to 60 s, with jitter so that a server restart is not met
 * by every phone at once); once it is back, one fetch catches up and polling stops. A `ping`
 * every 25 s keeps proxies from closing an idle socket, and a missing `pong` counts as a drop.
 */
import type { AppApi, InboxItem } from "./api.ts";
import { liveItems } from "./inbox-items.ts";

export type FeedStatus = "connecting" | "live" | "polling";

export type FeedEvent =
  | { kind: "changed" }
  | { kind: "added"; item: InboxItem }
  | { kind: "removed"; id: string }
  | { kind: "status"; status: FeedStatus };

export type InboxFeed = {
  /** Live items, newest first (expired ones are left out even before the server says so). */
  items(): InboxItem[];
  status(): FeedStatus;
  subscribe(listener: (event: FeedEvent) => void): () => void;
  /** The app came back to the foreground: fetch now, and reconnect now if the socket is down. */
  wake(): void;
  stop(): void;
};

type ServerMessage =
  | { type: "inbox"; item: InboxItem }
  | { type: "removed"; id: string }
  | { type: "revoked" };

export const TIMING = { pollMs: 5000, pingMs: 25_000, firstRetryMs: 1000, maxRetryMs: 60_000 };
/** The close code the server uses after `revoked`. */
const REVOKED_CLOSE = 4401;

export function inboxFeed(api: AppApi, hooks: { revoked(): void }): InboxFeed {
  const items = new Map<string, InboxItem>();
  const listeners = new Set<(event: FeedEvent) => void>();
  let status: FeedStatus = "connecting";
  let socket: WebSocket | null = null;
  let pollTimer: number | undefined;
  let retryTimer: number | undefined;
  let pingTimer: number | undefined;
  let retries = 0;
  let awaitingPong = false;
  let stopped = false;

  const emit = (event: FeedEvent) => {
    for (const listener of listeners) listener(event);
  };
  const setStatus = (next: FeedStatus) => {
    if (next === status) return;
    status = next;
    emit({ kind: "status", status });
  };

  async function refresh(): Promise<void> {
    const result = await api.inbox();
    if (stopped || !result.ok) return;
    items.clear();
    for (const item of result.body.items) items.set(item.id, item);
    emit({ kind: "changed" });
  }

  function startPolling(): void {
    if (pollTimer !== undefined) return;
    void refresh();
    pollTimer = window.setInterval(() => void refresh(), TIMING.pollMs);
  }

  function stopPolling(): void {
    window.clearInterval(pollTimer);
    pollTimer = undefined;
  }

  function scheduleRetry(): void {
    window.clearTimeout(retryTimer);
    const base = Math.min(TIMING.maxRetryMs, TIMING.firstRetryMs * 2 ** retries);
    retries++;
    retryTimer = window.setTimeout(connect, base / 2 + Math.random() * (base / 2));
  }

  function dropped(): void {
    window.clearInterval(pingTimer);
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close();
    }
    socket = null;
    if (stopped) return;
    setStatus("polling");
    startPolling();
    scheduleRetry();
  }

  function receive(data: unknown): void {
    if (data === "pong") {
      awaitingPong = false;
      return;
    }
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === "inbox") {
      items.set(message.item.id, message.item);
      emit({ kind: "added", item: message.item });
    } else if (message.type === "removed") {
      if (items.delete(message.id)) emit({ kind: "removed", id: message.id });
    } else if (message.type === "revoked") {
      stopped = true;
      hooks.revoked();
    }
  }

  async function connect(): Promise<void> {
    if (stopped || socket) return;
    const ticket = await api.socketTicket();
    if (stopped || socket) return;
    if (!ticket.ok) return dropped();
    const url = new URL("/api/app/socket", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("ticket", ticket.body.ticket);
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retries = 0;
      stopPolling();
      setStatus("live");
      // What arrived while the socket was down.
      void refresh();
      awaitingPong = false;
      pingTimer = window.setInterval(() => {
        if (awaitingPong) return dropped();
        awaitingPong = true;
        ws.send("ping");
      }, TIMING.pingMs);
    };
    ws.onmessage = (event) => receive(event.data);
    ws.onclose = (event) => {
      if (event.code === REVOKED_CLOSE) {
        stopped = true;
        return hooks.revoked();
      }
      dropped();
    };
  }

  void refresh();
  void connect();

  return {
    items: () => liveItems([...items.values()], api.now()),
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wake() {
      if (stopped) return;
      void refresh();
      if (!socket) {
        window.clearTimeout(retryTimer);
        void connect();
      }
    },
    stop() {
      stopped = true;
      window.clearInterval(pollTimer);
      window.clearTimeout(retryTimer);
      window.clearInterval(pingTimer);
      listeners.clear();
      if (socket) {
        socket.onclose = null;
        socket.close(1000);
      }
      socket = null;
    },
  };
}
