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

/** An error from callpop (its problem+json, made readable) or from reaching it. */
export class CallpopError extends Error {
  constructor(message, { status = 0, type = "", problem = null } = {}) {
    super(message);
    this.name = "CallpopError";
    this.status = status;
    this.type = type;
    this.problem = problem;
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

function defaultOpen(url, target) {
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
 * The default picker for a choose-contact action: a modal dialog on the page listing each contact, or
 * null where there is no page to show it on (an extension's background worker passes its own).
 */
function defaultChooser() {
  if (!globalThis.document?.body || typeof HTMLDialogElement === "undefined") {
    return null;
  }
  return (contacts, { reason }) => new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.className = "callpop-choose-contact";
    const title = document.createElement("p");
    title.textContent = reason || "Several contacts match: choose one to open.";
    dialog.append(title);
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

function defaultStorage() {
  return { remove: async (key) => globalThis.localStorage?.removeItem(key) };
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
 * @param {(contacts: Array<{id: string, name?: string, type?: string, url: string, target: string}>,
 *          context: {crm: string, reason?: string}) => Promise<object|null>} [options.chooseContact] lets the
 *        agent pick one of several matches (a choose-contact action) and answers the contact picked, or null;
 *        the default shows a dialog on the page
 * @param {{remove: (key: string) => Promise<void>}} [options.storage] where cached CRM data lives; default localStorage
 * @param {{clear: (domain: string) => Promise<void>}|null} [options.cookies] clears cookies; default chrome.cookies where present
 */
export function createCallpopClient(options) {
  const baseUrl = (options.baseUrl ?? "").replace(/\/$/, "");
  const openUrl = options.openUrl ?? defaultOpen;
  const storage = options.storage ?? defaultStorage();
  const cookies = options.cookies === undefined ? defaultCookies() : options.cookies;
  const chooseContact = options.chooseContact === undefined ? defaultChooser() : options.chooseContact;
  const crmHosts = new Map();

  async function request(method, path, body, crm) {
    const headers = { Authorization: `Bearer ${await options.getToken()}`, Accept: "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    const credentials = crm && options.crmCredentials ? await options.crmCredentials(crm) : null;
    if (credentials?.token) headers["X-CRM-Token"] = credentials.token;
    if (credentials?.apiUrl) headers["X-CRM-Api-Url"] = credentials.apiUrl;
    if (credentials?.user) headers["X-CRM-User"] = credentials.user;
    let response;
    try {
      response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new CallpopError(`callpop could not be reached (${e.message}).`);
    }
    const text = await response.text();
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
      throw new CallpopError(message, { status: response.status, type: problem?.type ?? "", problem });
    }
    return json;
  }

  async function hostsOf(crm) {
    if (!crmHosts.has(crm)) {
      const description = await request("GET", `/api/v1/crms/${encodeURIComponent(crm)}`);
      crmHosts.set(crm, description.hosts ?? []);
    }
    return crmHosts.get(crm);
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
    } else if (await openUrl(chosen.url, chosen.target)) {
      done.push({ action, contact: chosen, result: `opened ${chosen.name ?? chosen.id} in a ${chosen.target}` });
    } else {
      notDone.push({ action, contact: chosen, reason: "the browser blocked the page" });
    }
  }

  async function carryOut(crm, answer) {
    const done = [];
    const notDone = [];
    for (const action of answer.actions ?? []) {
      try {
        if (action.type === "open-url") {
          const why = refusal(action.url, await hostsOf(crm));
          if (why) {
            notDone.push({ action, reason: `not opened: ${why}` });
          } else if (await openUrl(action.url, action.target)) {
            done.push({ action, result: `opened in a ${action.target}` });
          } else {
            notDone.push({ action, reason: "the browser blocked the page" });
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
    const answer = await request("POST", `/api/v1/crms/${encodeURIComponent(crm)}/${name}`, body ?? {}, crm);
    return carryOut(crm, answer);
  }

  return {
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
    /** The user logged out: forgets cached CRM data; callpop revokes the CRM tokens in the body. */
    logout: (crm, body) => event(crm, "logout", body),
  };
}
