// callpop's reference client for telephony extensions and softphone pages (ES module, no framework).
//
//   import { createCallpopClient } from "https://callpop.example.com/client/callpop-client.js";
//   const callpop = createCallpopClient({ baseUrl: "https://callpop.example.com", getToken: async () => myToken });
//   const { done, notDone } = await callpop.callReceived("pipedrive", { hostname: "acme.pipedrive.com", call: { from: "+14155550100" } });
//
// Each event calls callpop with the bearer token and carries out the actions it answers with: it opens
// open-url pages (only https URLs on the CRM's own hosts, checked again here), lets the agent pick one of
// several matches for a choose-contact action and opens the chosen contact's page, removes remove-storage
// keys and clears clear-cookies domains where the environment allows, and reports what it did and did not
// do. Errors from callpop are thrown as CallpopError with a readable message.
//
// A page the browser blocks (a call arrives from the phone line, not from a click, so a web page's window.open is
// refused by the popup blocker) is not lost: it is offered to the agent, one click away, through onBlockedPage. By
// default that is a notice on the page ("Open Ada Lovelace in Pipedrive", classes callpop-notice*) and, where the
// page may show notifications, a desktop notification with the same click. offer(crm, page) offers a page the same
// way, for pages that arrive without a click of their own.
//
// signIn(crm, { redirectUri }) signs the user in to the CRM through callpop (which holds the app's client
// secret): it opens the CRM's authorization page, completes the sign-in when the page comes back to the
// redirect URI, and keeps the credentials, which every event then sends; when callpop answers
// crm-reauthentication-required and a refresh token is held, the client refreshes them and tries once more.
// It opens an authorization page only when it is https or on callpop's own origin (the sample CRM's stand-in
// page); any other answer fails the sign-in before anything navigates, and the popup it opened is closed.
//
// listen(crm, settings) keeps the agent's stream of server-side call events open (a telephony platform's webhooks reach
// callpop, which pushes the pops and call logs to the agent's client): it reads the Server-Sent Events with fetch (so the
// bearer token and X-CRM-* headers travel), opens it again after a capped, jittered back-off when it drops, stops on
// 401/403, and carries out what is pushed as it carries out a call-received answer, except that no click is behind a
// pushed page: a web page offers it through onBlockedPage (the one-click notice), an extension opens it.
//
// logCall(crm, call) writes the call's log once per session id, posting the same call again (after Retry-After)
// while callpop says it is still being written or that its record of written logs is out of reach, a bounded
// number of times, and letting the agent pick the contact when several have the number; it opens nothing itself:
// carryOut(crm, answer), on the agent's click, opens the log page it answers.

/** An error from callpop (its problem+json, made readable) or from reaching it. */
export class CallpopError extends Error {
  constructor(message, { status = 0, type = "", problem = null, retryAfter = null } = {}) {
    super(message);
    this.name = "CallpopError";
    this.status = status;
    this.type = type;
    this.problem = problem;
    // The seconds callpop's Retry-After asked to wait before the same request again, or null.
    this.retryAfter = retryAfter;
  }
}

/**
 * Whether a host is one of the CRM's: an exact name, "*." and a domain standing for one label, or "**." and
 * a domain standing for the domain and any name under it (the same rule as callpop's HostPattern).
 */
export function isCrmHost(host, patterns) {
  const name = host.toLowerCase();
  return patterns.some((pattern) => {
    const anyDepth = pattern.startsWith("**.");
    if (!anyDepth && !pattern.startsWith("*.")) {
      return pattern === name;
    }
    const domain = pattern.slice(anyDepth ? 2 : 1);
    const under = name.endsWith(domain) && name.length > domain.length;
    if (anyDepth) {
      return under || name === domain.slice(1);
    }
    return under && !name.slice(0, -domain.length).includes(".");
  });
}

/** Why a URL must not be opened for a CRM, or null when it may be. */
export function refusal(url, patterns) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (parsed.protocol !== "https:") {
    return `${url} is not https`;
  }
  if (parsed.username || parsed.password || parsed.port) {
    return `${url} carries a user or a port`;
  }
  if (!isCrmHost(parsed.hostname, patterns)) {
    return `${parsed.hostname} is not one of the CRM's hosts (${patterns.join(", ")})`;
  }
  return null;
}

/**
 * Whether callpop's answer (resolved against callpop's URL) may be opened as the authorization page: an https
 * page, or a page on callpop's own origin (the sample CRM's stand-in page, answered as a relative URL); never a
 * javascript: or data: URL, nor a plain-http page elsewhere, which a tampered answer could send the user to.
 */
function isAuthorizationPage(page, callpop) {
  return page.protocol === "https:" || (page.protocol === "http:" && page.origin === callpop.origin);
}

/**
 * Opens a page as the client does by default: a blank tab (or a popup window for target "popup") that loses its
 * opener, then the page; after a popup, asks for the focus back. Answers false when the browser blocked it. A softphone
 * that passes its own openUrl may call it.
 */
export function openWindow(url, target) {
  const popup = target === "popup";
  const opened = popup ? window.open("", "_blank", "popup,width=1100,height=800") : window.open("", "_blank");
  if (!opened) {
    return false; // a popup blocker said no
  }
  // Cut the opener before the CRM page loads, so it never gets a handle on this page.
  opened.opener = null;
  opened.location.href = url;
  if (popup) {
    // A popup (Bullhorn's record window) must not take the focus from the softphone, as in App Connect:
    // ask for it back. Browsers may ignore the request (some only honour it right after a click).
    window.focus();
  }
  return true;
}

/**
 * The client's default look for what it shows on a page (the contact picker, the notices of blocked pages), added
 * once to the page's head. Every rule is inside :where(), so it weighs nothing: any rule of the page's own wins.
 */
const DEFAULT_STYLE = `
:where(dialog.callpop-choose-contact) { border: 0; border-radius: 10px; padding: 18px 22px; min-width: 18rem; max-width: 28rem;
  font: 15px/1.4 system-ui, sans-serif; color: #1d2430; box-shadow: 0 6px 28px rgba(0,0,0,.28); }
:where(dialog.callpop-choose-contact)::backdrop { background: rgba(29,36,48,.35); }
:where(.callpop-choose-contact-title) { margin: 0 0 4px; font-size: 18px; }
:where(.callpop-choose-contact .callpop-reason) { margin: 0 0 10px; color: #57606a; overflow-wrap: anywhere; }
:where(.callpop-choose-contact button) { display: block; width: 100%; margin-top: 8px; padding: 9px 14px; border: 0; border-radius: 6px;
  font: inherit; text-align: left; cursor: pointer; color: #fff; background: #0969da; }
:where(.callpop-choose-contact button.callpop-none) { background: #6e7781; text-align: center; }
:where(.callpop-notices) { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; flex-direction: column;
  gap: 8px; max-width: min(26rem, calc(100vw - 32px)); font: 14px/1.4 system-ui, sans-serif; }
:where(.callpop-notice) { display: flex; align-items: center; gap: 8px; padding: 10px 12px; border-radius: 8px; color: #fff;
  background: #1d2430; box-shadow: 0 4px 18px rgba(0,0,0,.3); }
:where(.callpop-notice-open) { flex: 1; padding: 8px 12px; border: 0; border-radius: 6px; font: inherit; font-weight: 600;
  text-align: left; cursor: pointer; color: #fff; background: #1a7f37; overflow-wrap: anywhere; }
:where(.callpop-notice-dismiss) { padding: 4px 8px; border: 0; border-radius: 6px; font: inherit; cursor: pointer; color: #aab4c3;
  background: transparent; }
`;

function addDefaultStyle() {
  if (!globalThis.document?.head || document.getElementById("callpop-client-style")) {
    return;
  }
  const style = document.createElement("style");
  style.id = "callpop-client-style";
  style.textContent = DEFAULT_STYLE;
  document.head.prepend(style); // first, so the page's own rules of the same weight win too
}

/**
 * The default picker for a choose-contact action: a modal dialog on the page ("Choose a contact", the reason, one
 * button per contact, "None of them"), or null where there is no page to show it on (an extension's background
 * worker passes its own). Class names: dialog.callpop-choose-contact, h2.callpop-choose-contact-title,
 * p.callpop-reason, button.callpop-contact, button.callpop-none.
 */
function defaultChooser() {
  if (!globalThis.document?.body || typeof HTMLDialogElement === "undefined") {
    return null;
  }
  return (contacts, { reason }) => new Promise((resolve) => {
    addDefaultStyle();
    const dialog = document.createElement("dialog");
    dialog.className = "callpop-choose-contact";
    const title = Object.assign(document.createElement("h2"), { className: "callpop-choose-contact-title", textContent: "Choose a contact" });
    const why = Object.assign(document.createElement("p"), { className: "callpop-reason",
      textContent: reason || "Several contacts match: choose the one to open." });
    dialog.append(title, why);
    const finish = (contact) => {
      dialog.close();
      dialog.remove();
      resolve(contact);
    };
    for (const contact of contacts) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "callpop-contact";
      button.textContent = [contact.name ?? contact.id, contact.type].filter(Boolean).join(" · ");
      button.addEventListener("click", () => finish(contact));
      dialog.append(button);
    }
    const none = document.createElement("button");
    none.type = "button";
    none.className = "callpop-none";
    none.textContent = "None of them";
    none.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", () => finish(null));
    dialog.append(none);
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * The default answer to a blocked page: a notice on the page whose button opens it (a click, so the browser lets it
 * open), and a desktop notification with the same click where the page may show notifications
 * (Notification.permission is "granted"; the client never asks for it). Null where there is no page. Class names:
 * div.callpop-notices (the stack, bottom right), div.callpop-notice (one page, data-url), button.callpop-notice-open
 * ("Open Ada Lovelace in Pipedrive"), button.callpop-notice-dismiss.
 */
function defaultBlockedPageNotice() {
  if (!globalThis.document?.body) {
    return null;
  }
  return (page) => {
    addDefaultStyle();
    let stack = document.querySelector(".callpop-notices");
    if (!stack) {
      stack = Object.assign(document.createElement("div"), { className: "callpop-notices" });
      stack.setAttribute("role", "region");
      stack.setAttribute("aria-label", "Pages the browser blocked");
      document.body.append(stack);
    }
    // The same page offered again replaces its older notice.
    [...stack.querySelectorAll(".callpop-notice")].filter((n) => n.dataset.url === page.url).forEach((n) => n.remove());
    const notice = Object.assign(document.createElement("div"), { className: "callpop-notice" });
    notice.dataset.url = page.url;
    notice.setAttribute("role", "alert");
    const open = Object.assign(document.createElement("button"), { type: "button", className: "callpop-notice-open", textContent: page.label,
      title: `The browser blocked this page: ${page.url}` });
    const dismiss = Object.assign(document.createElement("button"), { type: "button", className: "callpop-notice-dismiss", textContent: "✕" });
    dismiss.setAttribute("aria-label", "Dismiss");
    notice.append(open, dismiss);
    stack.append(notice);
    let desktop = null;
    const finish = () => {
      notice.remove();
      desktop?.close();
      if (!stack.children.length) {
        stack.remove();
      }
    };
    const openIt = async () => {
      if (await page.open()) {
        finish();
      }
    };
    open.addEventListener("click", openIt);
    dismiss.addEventListener("click", finish);
    if (globalThis.Notification?.permission === "granted") {
      try {
        desktop = new Notification(page.label, { body: `${page.crmName}: the browser blocked this page; click to open it.`, tag: page.url });
        desktop.onclick = () => {
          globalThis.focus?.();
          openIt();
        };
      } catch {
        desktop = null; // some browsers allow notifications only from a service worker
      }
    }
  };
}

/**
 * Reads a text/event-stream body (Server-Sent Events): calls onEvent({ event, data }) for each event and onComment() for
 * each comment line (callpop's heartbeats); answers when the body ends, throws when the connection breaks.
 */
async function readEventStream(body, onEvent, onComment) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let event = "";
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop();
    for (const raw of lines) {
      const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (line === "") {
        if (data.length) {
          onEvent({ event: event || "message", data: data.join("\n") });
        }
        event = "";
        data = [];
      } else if (line.startsWith(":")) {
        onComment();
      } else {
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") {
          event = text;
        } else if (field === "data") {
          data.push(text);
        }
      }
    }
  }
}

function defaultStorage() {
  return { remove: async (key) => globalThis.localStorage?.removeItem(key) };
}

function defaultCredentialStore() {
  return {
    get: async (key) => globalThis.localStorage?.getItem(key) ?? null,
    set: async (key, value) => globalThis.localStorage?.setItem(key, value),
    remove: async (key) => globalThis.localStorage?.removeItem(key),
  };
}

/** Waits for the sign-in popup to come back to the redirect URI (same origin as this page) and answers that URL. */
function authorizeInPopup(popup, url, redirectUri) {
  if (!popup) {
    return Promise.reject(new CallpopError("The browser blocked the sign-in window."));
  }
  popup.location.href = url;
  return new Promise((resolve, reject) => {
    const watch = setInterval(() => {
      if (popup.closed) {
        clearInterval(watch);
        reject(new CallpopError("The sign-in window was closed before the sign-in was completed."));
        return;
      }
      let href;
      try {
        href = popup.location.href; // throws while the CRM's page (another origin) is shown
      } catch {
        return;
      }
      const params = new URL(href).searchParams;
      if (href.startsWith(redirectUri) && (params.has("code") || params.has("error"))) {
        clearInterval(watch);
        resolve(href);
      }
    }, 200);
  });
}

function defaultCookies() {
  const chromeCookies = globalThis.chrome?.cookies;
  if (!chromeCookies) {
    return null;
  }
  return {
    clear: async (domain) => {
      const cookies = await chromeCookies.getAll({ domain });
      await Promise.all(cookies.map((c) => chromeCookies.remove({
        url: `https://${c.domain.replace(/^\./, "")}${c.path}`, name: c.name })));
    },
  };
}

/**
 * Makes a client.
 *
 * @param {object} options
 * @param {string} [options.baseUrl] callpop's origin; "" (the default) for the page's own
 * @param {() => Promise<string>} options.getToken the user's callpop bearer token
 * @param {(crm: string) => Promise<{token?: string, apiUrl?: string, user?: string}|null>} [options.crmCredentials]
 *        the user's own CRM credentials, sent as X-CRM-* headers for phone look-ups
 * @param {(url: string, target: string) => boolean|Promise<boolean>} [options.openUrl] opens a page (an
 *        extension passes chrome.tabs.create here); the default uses window.open, and hands the focus back to
 *        this window after opening a popup
 * @param {(contacts: Array<{id: string, name?: string, type?: string, url?: string, target?: string}>,
 *          context: {crm: string, reason?: string}) => Promise<object|null>} [options.chooseContact] lets the
 *        agent pick one of several matches (a choose-contact action, whose contacts carry their page's url; or the
 *        contact logCall is to log a call to, without one) and answers the contact picked, or null; the default
 *        shows a dialog on the page
 * @param {((page: {url: string, target: string, crm: string, crmName: string, subject: string, label: string,
 *          open: () => Promise<boolean>}) => void)|null} [options.onBlockedPage] offers the agent a page the browser
 *        blocked (window.open refused outside a click): label is "Open Ada Lovelace in Pipedrive", and open(), called
 *        from the agent's click, opens it and answers whether it opened. The default shows a notice on the page and,
 *        where Notification.permission is "granted", a desktop notification; null offers nothing (the page is only
 *        reported in notDone)
 * @param {{remove: (key: string) => Promise<void>}} [options.storage] where cached CRM data lives; default localStorage
 * @param {{clear: (domain: string) => Promise<void>}|null} [options.cookies] clears cookies; default chrome.cookies where present
 * @param {{get: (key: string) => Promise<string|null>, set: (key: string, value: string) => Promise<void>,
 *          remove: (key: string) => Promise<void>}} [options.credentialStore] where signIn keeps the CRM
 *        credentials callpop answered; default localStorage (an extension passes chrome.storage.session)
 * @param {number} [options.logRetries] how many times logCall posts a call again while callpop answers that its log is
 *        still being written (202) or that its record of written logs is out of reach (503 call-log-store-unavailable);
 *        default 5
 * @param {number} [options.logRetrySeconds] how many seconds logCall waits in all between those posts, as Retry-After
 *        asks; a wait that would go beyond it is not started, and the failure is reported instead; default 30
 */
export function createCallpopClient(options) {
  const baseUrl = (options.baseUrl ?? "").replace(/\/$/, "");
  const openUrl = options.openUrl ?? openWindow;
  const storage = options.storage ?? defaultStorage();
  const cookies = options.cookies === undefined ? defaultCookies() : options.cookies;
  const chooseContact = options.chooseContact === undefined ? defaultChooser() : options.chooseContact;
  const onBlockedPage = options.onBlockedPage === undefined ? defaultBlockedPageNotice() : options.onBlockedPage;
  const descriptions = new Map();

  async function request(method, path, body, crm) {
    return (await exchange(method, path, body, crm)).json;
  }

  /**
   * Sends a request to callpop with the bearer token and the CRM's X-CRM-* headers; answers the response, whatever its
   * status. A network error (a refused cross-origin request among them) is thrown as a CallpopError.
   */
  async function send(method, path, body, crm, { accept = "application/json", signal } = {}) {
    const headers = { Authorization: `Bearer ${await options.getToken()}`, Accept: accept };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const credentials = crm ? ((await options.crmCredentials?.(crm)) ?? (await signedInCredentials(crm))) : null;
    if (credentials?.token) headers["X-CRM-Token"] = credentials.token;
    if (credentials?.apiUrl) headers["X-CRM-Api-Url"] = credentials.apiUrl;
    if (credentials?.user) headers["X-CRM-User"] = credentials.user;
    try {
      return await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (e) {
      if (e?.name === "AbortError") {
        throw e;
      }
      // A refused cross-origin request reaches the page as a bare network error: say which setting allows it.
      const here = globalThis.location?.origin;
      const callpopOrigin = new URL(baseUrl || here || "http://localhost", here || undefined).origin;
      const hint = here && here !== "null" && callpopOrigin !== here
        ? ` If callpop is running, is this page's origin (${here}) in its quarkus.http.cors.origins?` : "";
      throw new CallpopError(`callpop could not be reached (${e.message}).${hint}`);
    }
  }

  /** Reads callpop's answer: the status, the Retry-After seconds (or null) and the JSON; throws a CallpopError when not ok. */
  async function answerOf(response) {
    const text = await response.text();
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const problem = json && typeof json === "object" ? json : null;
      const message = problem?.title
        ? `${problem.title}: ${problem.detail ?? ""}`.trim()
        : `callpop answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
      throw new CallpopError(message, { status: response.status, type: problem?.type ?? "", problem,
        retryAfter: Number.isNaN(retryAfter) ? null : retryAfter });
    }
    return { status: response.status, retryAfter: Number.isNaN(retryAfter) ? null : retryAfter, json };
  }

  /** Calls callpop: answers the status, the Retry-After seconds (or null) and the JSON; throws a CallpopError when not ok. */
  async function exchange(method, path, body, crm) {
    return answerOf(await send(method, path, body, crm));
  }

  async function describe(crm) {
    if (!descriptions.has(crm)) {
      descriptions.set(crm, await request("GET", `/api/v1/crms/${encodeURIComponent(crm)}`));
    }
    return descriptions.get(crm);
  }

  async function hostsOf(crm) {
    return (await describe(crm)).hosts ?? [];
  }

  /** Offers the agent a page through onBlockedPage: answers whether it was offered. */
  async function offer(crm, { url, target = "tab", subject }) {
    if (!onBlockedPage) {
      return false;
    }
    const crmName = (await describe(crm)).displayName ?? crm;
    const about = subject || "the page";
    await onBlockedPage({ url, target, crm, crmName, subject: about, label: `Open ${about} in ${crmName}`,
      open: async () => Boolean(await openUrl(url, target)) });
    return true;
  }

  /**
   * Opens a checked page; when the browser blocks it, offers it to the agent. Records the outcome in done or notDone
   * (with offered: true when the agent was offered it).
   */
  async function openOrOffer(crm, page, entry, done, notDone) {
    if (page.pushed) {
      // No click is behind a page callpop pushed: a web page's window.open would be refused, so it is offered at once.
      notDone.push(await offer(crm, page) ? { ...entry, offered: true, reason: `pushed without a click: the agent was offered "Open ${page.subject}"` }
        : { ...entry, reason: "pushed without a click, and nothing here offers it to the agent" });
    } else if (await openUrl(page.url, page.target)) {
      done.push({ ...entry, result: `opened${page.named ? ` ${page.subject}` : ""} in a ${page.target}` });
    } else if (await offer(crm, page)) {
      notDone.push({ ...entry, offered: true, reason: `the browser blocked the page: the agent was offered "Open ${page.subject}"` });
    } else {
      notDone.push({ ...entry, reason: "the browser blocked the page" });
    }
  }

  // Offers the contacts whose pages may be opened, then opens the one the agent picks: no second call to callpop.
  async function choose(crm, action, answer, done, notDone) {
    const hosts = await hostsOf(crm);
    const offered = [];
    for (const contact of action.contacts ?? []) {
      const why = refusal(contact.url, hosts);
      if (why) {
        notDone.push({ action, contact, reason: `not offered: ${why}` });
      } else {
        offered.push(contact);
      }
    }
    if (offered.length === 0) {
      return;
    }
    if (!chooseContact) {
      notDone.push({ action, reason: "there is no picker here to let the agent choose a contact" });
      return;
    }
    const chosen = await chooseContact(offered, { crm, reason: answer.reason });
    if (!chosen) {
      notDone.push({ action, reason: "the agent chose none of the contacts" });
    } else if (!offered.includes(chosen)) {
      notDone.push({ action, reason: "the picker answered a contact it was not offered" });
    } else {
      await openOrOffer(crm, { url: chosen.url, target: chosen.target, subject: chosen.name ?? `contact ${chosen.id}`, named: true },
        { action, contact: chosen }, done, notDone);
    }
  }

  /**
   * What an open-url action of an answer shows, for the agent's notice: the call log, the one contact found or sent,
   * the contact of the same rank when each found contact has its page, else the caller's page.
   */
  function subjectOf(answer, request, rank, pages) {
    const logId = answer.logId ?? (answer.event === "open-log-page" ? request?.logId : undefined);
    if (logId && !answer.reason) {
      return `call log ${logId}`;
    }
    const matches = answer.matches ?? [];
    const contact = matches.length === 1 ? matches[0] : matches.length === pages ? matches[rank] : request?.contact;
    if (contact?.name) {
      return contact.name;
    }
    return contact?.id ? `contact ${contact.id}` : "the caller's page";
  }

  /**
   * Carries out an answer's actions. pushed: the answer came without the agent's click (a pop callpop pushed), so its
   * open-url pages are offered rather than opened; a contact picked in the picker opens, on that click.
   */
  async function carryOut(crm, answer, request, { pushed = false } = {}) {
    const done = [];
    const notDone = [];
    const pages = (answer.actions ?? []).filter((a) => a.type === "open-url").length;
    let rank = 0;
    for (const action of answer.actions ?? []) {
      try {
        if (action.type === "open-url") {
          const why = refusal(action.url, await hostsOf(crm));
          const subject = subjectOf(answer, request, rank++, pages);
          if (why) {
            notDone.push({ action, reason: `not opened: ${why}` });
          } else {
            await openOrOffer(crm, { url: action.url, target: action.target, subject, pushed }, { action }, done, notDone);
          }
        } else if (action.type === "choose-contact") {
          await choose(crm, action, answer, done, notDone);
        } else if (action.type === "remove-storage") {
          for (const key of action.keys) {
            await storage.remove(key);
          }
          done.push({ action, result: `removed ${action.keys.join(", ")}` });
        } else if (action.type === "clear-cookies") {
          if (cookies) {
            await cookies.clear(action.domain);
            done.push({ action, result: `cleared cookies of ${action.domain}` });
          } else {
            notDone.push({ action, reason: "this page may not clear another site's cookies" });
          }
        } else {
          notDone.push({ action, reason: `unknown action type ${action.type}` });
        }
      } catch (e) {
        notDone.push({ action, reason: e.message });
      }
    }
    return { answer, done, notDone };
  }

  async function event(crm, name, body) {
    const answer = await refreshingOnce(crm, () => request("POST", `/api/v1/crms/${encodeURIComponent(crm)}/${name}`, body ?? {}, crm));
    return carryOut(crm, answer, body);
  }

  const credentialStore = options.credentialStore ?? defaultCredentialStore();
  const signInKey = (crm) => `callpop.sign-in.${crm}`;

  async function signedIn(crm) {
    const stored = await credentialStore.get(signInKey(crm));
    return stored ? JSON.parse(stored) : null;
  }

  async function signedInCredentials(crm) {
    const headers = (await signedIn(crm))?.headers;
    return headers ? { token: headers["X-CRM-Token"], apiUrl: headers["X-CRM-Api-Url"], user: headers["X-CRM-User"] } : null;
  }

  async function keep(crm, credentials, username) {
    await credentialStore.set(signInKey(crm), JSON.stringify({ ...credentials, username }));
    return credentials;
  }

  async function refresh(crm) {
    const held = await signedIn(crm);
    if (!held?.refreshToken) {
      throw new CallpopError(`No ${crm} refresh token is held: sign the user in to the CRM.`);
    }
    try {
      const fresh = await request("POST", `/api/v1/crms/${encodeURIComponent(crm)}/refresh`,
        { refreshToken: held.refreshToken, username: held.username, hostname: held.hostname });
      return keep(crm, fresh, held.username);
    } catch (e) {
      await credentialStore.remove(signInKey(crm)); // refused: only a new sign-in helps
      throw e;
    }
  }

  /** Runs a call; when callpop says the CRM credentials are refused and a refresh token is held, refreshes and runs it again once. */
  async function refreshingOnce(crm, call) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof CallpopError) || !e.type.endsWith(":crm-reauthentication-required") || !(await signedIn(crm))?.refreshToken) {
        throw e;
      }
      await refresh(crm);
      return call();
    }
  }

  const logRetries = options.logRetries ?? 5;
  const logRetrySeconds = options.logRetrySeconds ?? 30;
  const pause = (seconds) => new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds) * 1000));

  /**
   * Posts a call's log once: answers callpop's answer, or, when callpop asks for the same call again having written
   * nothing twice (202: still being written; 503 call-log-store-unavailable: its record of written logs out of reach),
   * what to say if it is the last try and how long Retry-After asks to wait.
   */
  async function postLogOnce(crm, path, call) {
    try {
      const { status, retryAfter, json } = await refreshingOnce(crm, () => exchange("POST", path, call, crm));
      return status !== 202 ? { answer: json }
        : { again: { seconds: retryAfter ?? json?.retryAfterSeconds ?? 1, what: "was still being written", status, type: "", problem: json } };
    } catch (e) {
      if (!(e instanceof CallpopError) || e.status !== 503 || !e.type.endsWith(":call-log-store-unavailable")) {
        throw e;
      }
      return { again: { seconds: e.retryAfter ?? 1, what: "was not written: callpop could not reach its record of written logs",
        status: e.status, type: e.type, problem: e.problem } };
    }
  }

  /**
   * Posts a call's log; while callpop asks for the same call again, waits Retry-After and posts it again with the same
   * session id, at most options.logRetries more times and options.logRetrySeconds of waiting in all, then reports it.
   */
  async function postLog(crm, call) {
    const path = `/api/v1/crms/${encodeURIComponent(crm)}/call-logs`;
    let waited = 0;
    for (let tries = 1; ; tries++) {
      const { answer, again } = await postLogOnce(crm, path, call);
      if (!again) {
        return answer;
      }
      if (tries > logRetries || waited + again.seconds > logRetrySeconds) {
        const after = tries > logRetries ? `after ${tries} tries` : `after ${tries} ${tries === 1 ? "try" : "tries"} (callpop asked to wait `
          + `${again.seconds} s more, beyond the ${logRetrySeconds} s this client waits in all)`;
        throw new CallpopError(`The log of session ${call.sessionId} ${again.what} ${after}: `
          + "log the call again with the same sessionId, which writes no second log.", { status: again.status, type: again.type, problem: again.problem });
      }
      await pause(again.seconds);
      waited += again.seconds;
    }
  }

  async function logCall(crm, call) {
    try {
      return await postLog(crm, call);
    } catch (e) {
      if (!(e instanceof CallpopError) || !e.type.endsWith(":contact-choice-required") || !chooseContact) {
        throw e;
      }
      const contacts = e.problem?.contacts ?? [];
      const chosen = await chooseContact(contacts, { crm, reason: `${contacts.length} contacts have this number: choose the one to log the call to.` });
      const notLogged = (why) => new CallpopError(`${why}: the call was not logged.`, { status: e.status, type: e.type, problem: e.problem });
      if (!chosen) {
        throw notLogged("The agent chose none of the contacts");
      }
      if (!contacts.includes(chosen)) {
        throw notLogged("The picker answered a contact it was not offered");
      }
      return postLog(crm, { ...call, contact: { id: chosen.id, name: chosen.name, type: chosen.type } });
    }
  }

  const callLogPath = (crm, logId) => `/api/v1/crms/${encodeURIComponent(crm)}/call-logs/${encodeURIComponent(logId)}`;

  async function signIn(crm, { redirectUri, username, hostname, authorize } = {}) {
    // A popup opened before any await keeps the user's click, so no popup blocker stops it.
    const popup = authorize ? null : window.open("", "callpop-sign-in", "popup,width=600,height=720");
    try {
      const start = await request("POST", `/api/v1/crms/${encodeURIComponent(crm)}/sign-in`, { redirectUri, username, hostname });
      const callpop = new URL(baseUrl || globalThis.location?.href);
      const page = new URL(start.authorizationUrl, callpop);
      if (!isAuthorizationPage(page, callpop)) {
        throw new CallpopError("callpop answered an authorization page that is not https: refused");
      }
      const back = new URL(await (authorize ?? ((url) => authorizeInPopup(popup, url, redirectUri)))(page.href, redirectUri));
      if (back.searchParams.get("error")) {
        throw new CallpopError(`The sign-in to ${crm} was not completed: ${back.searchParams.get("error")}.`);
      }
      if (back.searchParams.get("state") !== start.state) {
        throw new CallpopError(`The page that came back is not this sign-in's (its state differs).`);
      }
      const credentials = await request("POST", `/api/v1/crms/${encodeURIComponent(crm)}/sign-in/complete`,
        { code: back.searchParams.get("code"), state: start.state });
      return keep(crm, credentials, username);
    } finally {
      popup?.close();
    }
  }


  /**
   * Keeps the agent's stream of server-side call events open (GET /api/v1/crms/{crm}/agent-events, read with fetch: a
   * browser's EventSource cannot send the bearer token and X-CRM-* headers) and carries out what callpop pushes on it.
   * A dropped connection is opened again after a capped exponential back-off with jitter; a stream the server closed
   * cleanly is opened again at once; 401 and 403 (and any other 4xx but 408 and 429) stop it.
   */
  function listen(crm, settings = {}) {
    const { hostname, preferences = {}, logCalls, logMatch, onPop, onCallLog, onCallLogFailed, onState } = settings;
    const firstWait = settings.reconnectSeconds ?? 1;
    const longestWait = settings.maxReconnectSeconds ?? 30;
    const silentSeconds = settings.silentSeconds ?? 45;
    const offerPops = (settings.pushedPages ?? (globalThis.chrome?.runtime?.id ? "open" : "offer")) !== "open";
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries({ hostname, ...preferences, logCalls, logMatch })) {
      if (value !== undefined && value !== null && value !== "") {
        query.set(name, value);
      }
    }
    const path = `/api/v1/crms/${encodeURIComponent(crm)}/agent-events${query.toString() ? `?${query}` : ""}`;
    let stopped = false;
    let failures = 0;
    let refreshed = false;
    let controller = null;
    let wake = null;
    let state = { state: "connecting" };
    const report = (next) => {
      state = next;
      try {
        onState?.(next);
      } catch {
        // the page's handler failing must not stop the stream
      }
    };
    // Pushes are carried out one after another, in callpop's order, while the stream goes on being read.
    let pushes = Promise.resolve();
    const handle = (push) => {
      pushes = pushes.then(() => carryOutPush(push)).catch((e) => globalThis.console?.warn(`callpop: a pushed ${push.event} failed: ${e.message}`));
    };

    async function carryOutPush({ event, data }) {
      const json = JSON.parse(data);
      if (event === "pop") {
        // Carried out first: an optional call skips its arguments, and a client without onPop must still open the pop.
        const popped = await carryOut(crm, json, undefined, { pushed: offerPops });
        onPop?.(popped);
      } else if (event === "call-log") {
        // "Open log" is offered: the log page opens on the agent's click, never by itself.
        const result = await carryOut(crm, json, undefined, { pushed: true });
        onCallLog?.({ ...result, open: () => carryOut(crm, json) });
      } else if (event === "call-log-failed") {
        onCallLogFailed?.(json);
        if (json.type?.endsWith(":crm-reauthentication-required") && (await signedIn(crm))?.refreshToken) {
          await refresh(crm);
          controller?.abort(); // open the stream again with the fresh credentials: the call is logged with them
        }
      }
    }

    /** Opens the stream once and reads it to its end: answers whether callpop had said it was ready. */
    async function readOnce() {
      controller = new AbortController();
      const response = await send("GET", path, undefined, crm, { accept: "text/event-stream", signal: controller.signal });
      if (!response.ok) {
        await answerOf(response); // throws the problem
      }
      let ready = false;
      let heard = Date.now();
      const watch = setInterval(() => {
        if (Date.now() - heard > silentSeconds * 1000) {
          controller.abort(); // no heartbeat: the connection is dead without having said so
        }
      }, 1000);
      try {
        await readEventStream(response.body, (push) => {
          heard = Date.now();
          if (push.event === "ready") {
            // At once, not behind pushes still being carried out (a picker waiting for the agent).
            ready = true;
            failures = 0;
            refreshed = false;
            report({ state: "connected", ready: JSON.parse(push.data) });
          } else {
            handle(push);
          }
        }, () => {
          heard = Date.now();
        });
      } finally {
        clearInterval(watch);
      }
      return ready;
    }

    const gaveUp = (e) => e instanceof CallpopError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429;

    async function keepOpen() {
      while (!stopped) {
        let error = null;
        report({ state: failures === 0 ? "connecting" : "reconnecting", attempt: failures + 1 });
        try {
          if (await readOnce()) {
            continue; // a clean close by the server (a restart, a deployment): open it again at once
          }
        } catch (e) {
          error = e;
        }
        if (stopped) {
          return;
        }
        if (gaveUp(error)) {
          if (error.type.endsWith(":crm-reauthentication-required") && !refreshed && (await signedIn(crm))?.refreshToken) {
            refreshed = true;
            try {
              await refresh(crm);
              continue;
            } catch (e) {
              error = e;
            }
          }
          stopped = true;
          report({ state: "stopped", error });
          return;
        }
        failures++;
        const ceiling = Math.min(longestWait, firstWait * 2 ** (failures - 1));
        const seconds = ceiling / 2 + Math.random() * (ceiling / 2);
        report({ state: "waiting", retryInSeconds: Math.round(seconds * 10) / 10, attempt: failures, error });
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, seconds * 1000);
        });
      }
    }

    const running = keepOpen();
    return {
      /** What the stream is doing: { state: "connecting" | "connected" | "reconnecting" | "waiting" | "stopped", … }. */
      get state() {
        return state;
      },
      /** Settles once the stream has stopped (closed, or refused by callpop). */
      stopped: running,
      /** Closes the stream for good. */
      close() {
        if (!stopped) {
          stopped = true;
          controller?.abort();
          wake?.();
          report({ state: "stopped", error: null });
        }
      },
    };
  }

  return {
    /**
     * Opens the agent's stream of server-side call events for a CRM and keeps it open; answers a handle ({ state,
     * stopped, close() }). Settings: hostname; preferences ({ inbound, outbound, multipleMatches }); logCalls ("always",
     * "never"); logMatch; pushedPages ("offer", the default in a web page: each pushed page is offered through
     * onBlockedPage, the one-click notice, since no click is behind it; "open", the default in an extension: opened
     * at once); reconnectSeconds (1), maxReconnectSeconds (30), silentSeconds (45: no heartbeat that long drops the
     * connection); onPop({ answer, done, notDone }) after a pushed pop was carried out (a choose-contact pop shows the
     * contact picker); onCallLog({ answer, done, notDone, open }) after callpop logged an ended call ("Open log" is
     * offered; open() opens it from the agent's click); onCallLogFailed(problem) with the problem and its sessionId;
     * onState({ state, retryInSeconds, attempt, ready, error }) as the stream connects ("connecting", "connected"
     * with callpop's ready event, "waiting" retryInSeconds before "reconnecting", "stopped" with the CallpopError
     * that stopped it, e.g. a 401 or 403, or none when closed).
     */
    listen,
    /**
     * Signs the user in to the CRM: opens its authorization page (a popup, or options.authorize(url, redirectUri),
     * e.g. chrome.identity.launchWebAuthFlow in an extension, which answers the URL the CRM came back to),
     * completes the sign-in and keeps the credentials for the events. Answers callpop's answer.
     */
    signIn,
    /** Trades the kept refresh token for fresh credentials. */
    refresh,
    /** The kept sign-in for a CRM (hostname, expiresAt, sealed, headers), or null. */
    signedIn,
    /** The CRMs callpop serves. */
    listCrms: async () => (await request("GET", "/api/v1/crms")).crms,
    /**
     * A call rang or was answered: opens the caller's CRM page(s), or lets the agent choose one of several.
     * The body may carry the user's own preferences, for example
     * preferences: { inbound: "ringing", outbound: "never", multipleMatches: "prompt" }.
     */
    callReceived: (crm, body) => event(crm, "call-received", body),
    /** Opens a call's log page (or the contact's, where the CRM has none). */
    openLogPage: (crm, body) => event(crm, "open-log-page", body),
    /**
     * Writes a call's log into the CRM, once per call.sessionId: { sessionId, hostname, contact: {id, type}, phone, logMatch,
     * direction, from, to, startedAt, durationSeconds, result, subject, note, recordingUrl }. While callpop answers 202
     * (still being written) or 503 call-log-store-unavailable (nothing written: its record of written logs is out of
     * reach) it waits Retry-After seconds and posts the same call, with the same sessionId, again: up to
     * options.logRetries more times (default 5) and options.logRetrySeconds of waiting in all (default 30), then throws
     * a CallpopError saying so (any other error is thrown at once); when several contacts have the number (409 contact-choice-required) the agent picks one with the
     * contact picker and the call is posted again with its id (where there is no picker, the 409 is thrown as a
     * CallpopError whose problem.contacts lists them; none picked throws, and nothing is logged). Answers callpop's answer (outcome, logId, contact, subject,
     * note, result, durationSeconds, actions) and opens nothing: pass it to carryOut, on the agent's click, to open the log.
     */
    logCall,
    /** Changes a call's log after hang-up: { hostname, durationSeconds, result, subject, note, recordingUrl }; answers the log. */
    updateCallLog: (crm, logId, change) =>
      refreshingOnce(crm, () => request("PATCH", callLogPath(crm, logId), change ?? {}, crm)),
    /** Reads a call's log back; answers it with the actions that open it. */
    readCallLog: (crm, logId, { hostname } = {}) =>
      refreshingOnce(crm, () => request("GET", `${callLogPath(crm, logId)}${hostname ? `?hostname=${encodeURIComponent(hostname)}` : ""}`, undefined, crm)),
    /**
     * Carries out the actions of an answer, as the events do (for example logCall's: opens the log page). Call it from
     * the agent's click, so no popup blocker stops the page. Answers { answer, done, notDone }.
     */
    carryOut: (crm, answer) => carryOut(crm, answer),
    /**
     * Offers the agent a page of the CRM without trying to open it (a page that arrives without the agent's click, for
     * example pushed by callpop): { url, target, subject } with subject naming what it shows ("Ada Lovelace"). The page
     * is checked as every page is (https on the CRM's hosts) and handed to onBlockedPage (by default the notice "Open
     * Ada Lovelace in Pipedrive"). Answers whether it was offered; throws a CallpopError for a page it refuses.
     */
    offer: async (crm, page) => {
      const why = refusal(page.url, await hostsOf(crm));
      if (why) {
        throw new CallpopError(`Not offered: ${why}`);
      }
      return offer(crm, { target: "tab", ...page });
    },
    /** The user logged out: forgets cached CRM data and the kept sign-in; callpop revokes the CRM tokens. */
    logout: async (crm, body) => {
      const held = await signedIn(crm);
      // Unsealed sign-ins hold the tokens to revoke; sealed ones carry them inside X-CRM-Token.
      const tokens = body?.tokens ?? (held && !held.sealed ? { accessToken: held.accessToken, refreshToken: held.refreshToken } : undefined);
      const result = await event(crm, "logout", { ...body, tokens });
      await credentialStore.remove(signInKey(crm));
      return result;
    },
  };
}
