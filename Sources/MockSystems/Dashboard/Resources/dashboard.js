// The dashboard's behaviour: reads the API, follows the event feed by long polling, renders with textContent only.
"use strict";

/** Rows kept in the feed; older ones are removed, so the page stays fast however many requests arrive. */
const MAX_ROWS = 500;
/** How long one long poll waits on the server for an event (the server allows up to 30 s). */
const WAIT_MS = 25000;
/** Collections and fault rules of a system are read again at most this often while its requests arrive. */
const REFRESH_MS = 300;
/** Records a collection table shows (the newest). */
const MAX_RECORDS = 200;
/** Columns of the CRM's leads; other collections show their records' first fields. */
const KNOWN_COLUMNS = {
  leads: [["name", "Name"], ["company", "Company"], ["reason", "Reason"], ["phone_number", "Phone"], ["created_at", "Created"]],
};
/** The faults the buttons add: every request of the system matches. */
const FAULTS = {
  delay: { times: 1, delay_ms: 2000 },
  "503": { action: { type: "status_sequence", statuses: [503, 503] } },
  reset: { times: 1, action: { type: "reset" } },
};

const state = {
  token: null,          // the admin token: in memory only
  cursor: 0,            // the last event sequence applied
  systems: [],          // from /api/systems
  rows: new Map(),      // "system:id" -> {request, tr}
  refreshTimers: new Map(),
  selected: null,       // "system:id" of the request shown in detail
  polling: false,
};

const $ = (id) => document.getElementById(id);

/** A call to the dashboard's API; throws {status, message} on a non-2xx answer. */
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers["X-Admin-Token"] = state.token;
  if (options.method && options.method !== "GET") headers["X-Requested-By"] = "understudy-dashboard";
  let response;
  try {
    response = await fetch(path, { method: options.method || "GET", headers, body: options.body, cache: "no-store" });
  } catch (error) {
    throw { status: 0, message: "the mocks do not answer (stopped?)" };
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (error) { body = { message: text }; }
  if (!response.ok) throw { status: response.status, message: (body && body.message) || response.statusText };
  return body;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function setConnection(text) { $("connection").textContent = text; }

// ---- start and token ----

async function start() {
  const match = /^#token=(.+)$/.exec(location.hash);
  if (match) {
    state.token = decodeURIComponent(match[1]);
    history.replaceState(null, "", location.pathname);  // the token leaves the address bar and the history entry
  }
  try {
    await loadSystems();
  } catch (error) {
    if (error.status === 401) return askForToken(state.token ? "That token was refused." : "");
    setConnection("Cannot read the mocks: " + error.message);
    return;
  }
  $("token-form").hidden = true;
  $("board").hidden = false;
  await loadRecent();
  for (const system of state.systems) refreshSystem(system.name);
  if (!state.polling) poll();
}

function askForToken(message) {
  state.token = null;
  $("board").hidden = true;
  $("token-form").hidden = false;
  $("token-error").textContent = message;
  setConnection("Waiting for the admin token");
  $("token-input").focus();
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.token = $("token-input").value;
  $("token-input").value = "";
  start();
});

// ---- systems ----

async function loadSystems() {
  const answer = await api("/api/systems");
  state.systems = answer.systems;
  const systemFilter = $("filter-system"), routeFilter = $("filter-route");
  while (systemFilter.options.length > 1) systemFilter.remove(1);
  while (routeFilter.options.length > 2) routeFilter.remove(2);
  const routes = new Set();
  const holder = $("systems");
  holder.replaceChildren();
  for (const system of state.systems) {
    systemFilter.add(new Option(system.name, system.name));
    for (const route of system.routes) routes.add(route.id);
    holder.append(systemCard(system));
  }
  for (const route of [...routes].sort()) routeFilter.add(new Option(route, route));
}

function systemCard(system) {
  const card = $("system-template").content.firstElementChild.cloneNode(true);
  card.id = "system-" + system.name;
  card.dataset.system = system.name;
  card.setAttribute("aria-label", "System " + system.name);
  card.querySelector(".system-name").textContent = system.name + ": " + system.title;
  card.querySelector(".system-url").textContent = system.url || "";
  for (const button of card.querySelectorAll("button")) {
    button.setAttribute("aria-describedby", card.id + "-name");
    button.addEventListener("click", () => systemAction(system.name, button, card));
  }
  card.querySelector(".system-name").id = card.id + "-name";
  const collections = card.querySelector(".collections");
  for (const name of system.collections) {
    const section = element("section");
    section.className = "collection";
    section.dataset.collection = name;
    section.append(element("h4", "Collection " + name));
    section.append(element("p", "", "muted collection-count"));
    const wrap = element("div", null, "table-wrap");
    const table = element("table");
    table.id = "collection-" + system.name + "-" + name;
    table.append(element("caption", system.name + " " + name + ", newest first", "visually-hidden"));
    wrap.append(table);
    section.append(wrap);
    collections.append(section);
  }
  return card;
}

async function systemAction(name, button, card) {
  const result = card.querySelector(".action-result");
  try {
    if (button.dataset.fault) {
      const rule = await api(`/api/systems/${name}/faults`, { method: "POST", body: JSON.stringify(FAULTS[button.dataset.fault]),
        headers: { "Content-Type": "application/json" } });
      result.textContent = "Added fault " + rule.id + ".";
    } else if (button.dataset.action === "clear-faults") {
      await api(`/api/systems/${name}/faults`, { method: "DELETE" });
      result.textContent = "Fault rules cleared.";
    } else if (button.dataset.action === "reset") {
      await api(`/api/systems/${name}/reset`, { method: "POST" });
      removeRows(name);
      result.textContent = "Reset: journal, faults and records back to the start.";
    }
  } catch (error) {
    if (error.status === 401) return askForToken("The token was refused.");
    result.textContent = "Failed: " + error.message;
  }
  refreshSystem(name);
}

/** Reads a system's fault rules and collections again, at most once per REFRESH_MS. */
function scheduleRefresh(name) {
  if (state.refreshTimers.has(name)) return;
  state.refreshTimers.set(name, setTimeout(() => { state.refreshTimers.delete(name); refreshSystem(name); }, REFRESH_MS));
}

async function refreshSystem(name) {
  const card = document.getElementById("system-" + name);
  if (!card) return;
  try {
    const faults = await api(`/api/systems/${name}/faults`);
    const list = card.querySelector(".faults");
    list.replaceChildren();
    for (const rule of faults.faults) list.append(element("li", describeFault(rule)));
    if (!faults.faults.length) list.append(element("li", "none", "muted"));
    for (const section of card.querySelectorAll(".collection")) {
      const records = await api(`/api/systems/${name}/collections/${section.dataset.collection}?limit=${MAX_RECORDS}`);
      renderCollection(section, records);
    }
  } catch (error) {
    if (error.status === 401) askForToken("The token was refused.");
  }
}

function describeFault(rule) {
  const parts = [rule.id + ":"];
  if (rule.delay_ms !== undefined) parts.push("delay " + JSON.stringify(rule.delay_ms) + " ms");
  if (rule.action) parts.push(rule.action.type + (rule.action.statuses ? " " + rule.action.statuses.join(", ") : "")
    + (rule.action.status ? " " + rule.action.status : ""));
  if (rule.times !== undefined) parts.push("× " + rule.times);
  if (rule.match) parts.push("when " + JSON.stringify(rule.match));
  if (rule.fired !== undefined) parts.push("(fired " + rule.fired + ", matched " + rule.matched + ")");
  return parts.join(" ");
}

function renderCollection(section, answer) {
  const name = section.dataset.collection;
  const records = answer.records.slice().reverse();  // newest first
  section.querySelector(".collection-count").textContent =
    `${answer.held} held` + (answer.evicted ? `, ${answer.evicted} evicted` : "") +
    (answer.held > records.length ? `; the newest ${records.length} shown` : "");
  let columns = KNOWN_COLUMNS[name];
  if (!columns) {
    const keys = [];
    for (const record of records) for (const key of Object.keys(record)) if (!keys.includes(key) && keys.length < 6) keys.push(key);
    columns = keys.map((key) => [key, key]);
  }
  const table = section.querySelector("table");
  const caption = table.querySelector("caption");
  const head = element("thead"), headRow = element("tr");
  for (const [, title] of columns) { const th = element("th", title); th.scope = "col"; headRow.append(th); }
  head.append(headRow);
  const body = element("tbody");
  for (const record of records) {
    const tr = element("tr");
    tr.dataset.id = record.id || "";
    for (const [key] of columns) tr.append(element("td", cell(record[key])));
    body.append(tr);
  }
  if (!records.length) {
    const tr = element("tr"), td = element("td", "No records.", "muted");
    td.colSpan = Math.max(1, columns.length);
    tr.append(td);
    body.append(tr);
  }
  table.replaceChildren(caption, head, body);
}

function cell(value) {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

// ---- the feed ----

async function loadRecent() {
  const answer = await api(`/api/requests?limit=${MAX_ROWS}`);
  state.cursor = answer.cursor;
  for (const request of answer.requests) upsertRow(request, false);
  updateFeedNote(0);
}

async function poll() {
  state.polling = true;
  let backoff = 500;
  while (true) {
    try {
      const answer = await api(`/api/events?after=${state.cursor}&wait_ms=${WAIT_MS}&limit=${MAX_ROWS}`);
      setConnection("Live: updates as requests arrive");
      for (const event of answer.events) applyEvent(event);
      state.cursor = answer.next;
      if (answer.events.length || answer.missed) updateFeedNote(answer.missed);
      backoff = 500;
    } catch (error) {
      if (error.status === 401) { state.polling = false; askForToken("The token was refused."); return; }
      setConnection("Disconnected (" + error.message + "); retrying…");
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 10000);
    }
  }
}

function applyEvent(event) {
  if (event.kind === "reset") {
    removeRows(event.system);
  } else if (event.request) {
    upsertRow(event.request, true);
  }
  scheduleRefresh(event.system);
}

function upsertRow(request, fresh) {
  const key = request.system + ":" + request.id;
  const known = state.rows.get(key);
  if (known) {
    known.request = request;
    fillRow(known.tr, request);
  } else {
    const tr = element("tr");
    tr.dataset.key = key;
    if (fresh) tr.className = "fresh";
    fillRow(tr, request);
    $("feed-rows").prepend(tr);
    state.rows.set(key, { request, tr });
    while (state.rows.size > MAX_ROWS) {
      const [oldest, row] = state.rows.entries().next().value;
      row.tr.remove();
      state.rows.delete(oldest);
    }
  }
  if (state.selected === key && request.completed) showDetail(request.system, request.id, false);
  $("feed-empty").hidden = state.rows.size > 0;
}

function removeRows(system) {
  for (const [key, row] of [...state.rows]) {
    if (row.request.system === system) { row.tr.remove(); state.rows.delete(key); }
  }
  $("feed-empty").hidden = state.rows.size > 0;
}

function outcomeOf(request) {
  if (!request.completed) return ["under way", "pending", "pending"];
  if (request.status === null) return ["no answer", "bad", "unanswered"];
  return request.outcome === "rejected" ? ["rejected", "bad", "rejected"] : ["accepted", "ok", "accepted"];
}

function fillRow(tr, request) {
  const [outcome, outcomeClass, outcomeKey] = outcomeOf(request);
  const time = element("time", new Date(request.arrived_at).toLocaleTimeString([], { hour12: false }) + "." +
    String(new Date(request.arrived_at).getMilliseconds()).padStart(3, "0"));
  time.dateTime = request.arrived_at;
  const status = request.status === null ? (request.completed ? "none" : "…") : String(request.status);
  const statusClass = request.status >= 500 || (request.completed && request.status === null) ? "bad"
    : request.status >= 400 ? "warn" : request.status ? "ok" : "pending";
  const cells = [
    time, element("span", request.system), element("span", request.method), element("span", request.target),
    element("span", request.route || "—"), element("span", outcome + (request.fault ? " · fault" : ""), "tag " + outcomeClass),
    element("span", status, "tag " + statusClass),
    element("span", request.duration_ms === null ? "" : request.duration_ms + " ms"),
  ];
  const classes = ["", "", "", "path", "", "", "", "num"];
  const tds = cells.map((content, index) => { const td = element("td", null, classes[index]); td.append(content); return td; });
  const button = element("button", "Details");
  button.type = "button";
  button.setAttribute("aria-label", `Details of ${request.method} ${request.target} to ${request.system} (#${request.id})`);
  button.addEventListener("click", () => showDetail(request.system, request.id, true));
  const last = element("td");
  last.append(button);
  tr.replaceChildren(...tds, last);
  tr.dataset.system = request.system;
  tr.dataset.route = request.route || "-";
  tr.dataset.outcome = outcomeKey;
  tr.dataset.status = request.status === null ? "" : String(request.status);
  tr.hidden = !matchesFilters(tr);
}

function matchesFilters(tr) {
  const system = $("filter-system").value, route = $("filter-route").value, outcome = $("filter-outcome").value;
  const status = $("filter-status").value.trim().toLowerCase();
  if (system && tr.dataset.system !== system) return false;
  if (route && tr.dataset.route !== route) return false;
  if (outcome && tr.dataset.outcome !== outcome) return false;
  if (status) {
    const wanted = /^([1-5])xx$/.exec(status);
    if (wanted ? tr.dataset.status[0] !== wanted[1] : tr.dataset.status !== status) return false;
  }
  return true;
}

function applyFilters() {
  for (const row of state.rows.values()) row.tr.hidden = !matchesFilters(row.tr);
  updateFeedNote(0);
}

function updateFeedNote(missed) {
  const shown = [...state.rows.values()].filter((row) => !row.tr.hidden).length;
  let note = `${shown} of ${state.rows.size} requests shown (the newest ${MAX_ROWS} are kept).`;
  if (missed) note += ` ${missed} events were missed while this page was behind.`;
  $("feed-note").textContent = note;
}

for (const id of ["filter-system", "filter-route", "filter-outcome"]) $(id).addEventListener("change", applyFilters);
$("filter-status").addEventListener("input", applyFilters);
$("filters").addEventListener("submit", (event) => event.preventDefault());
$("feed-clear").addEventListener("click", () => {
  for (const row of state.rows.values()) row.tr.remove();
  state.rows.clear();
  updateFeedNote(0);
  $("feed-empty").hidden = false;
});

// ---- a request's detail ----

async function showDetail(system, id, focus) {
  let answer;
  try {
    answer = await api(`/api/systems/${system}/requests/${id}`);
  } catch (error) {
    if (error.status === 401) return askForToken("The token was refused.");
    answer = null;
    $("detail-facts").replaceChildren(element("dt", "Problem"), element("dd", error.message));
  }
  const key = system + ":" + id;
  state.selected = key;
  for (const row of state.rows.values()) row.tr.classList.toggle("selected", row.tr.dataset.key === key);
  const section = $("detail");
  section.hidden = false;
  if (answer) renderDetail(answer.request);
  if (focus) $("detail-heading").focus();
}

function renderDetail(request) {
  $("detail-heading").textContent = `${request.method} ${request.target} (${request.system} #${request.id})`;
  const facts = [
    ["System", request.system], ["Arrived", request.arrived_at], ["Peer", request.peer], ["Route", request.route || "none"],
    ["Auth", request.auth], ["Validation", request.validation], ["Outcome", request.outcome],
    ["Status", request.status === null ? (request.completed ? "no answer (connection reset or closed)" : "under way") : request.status],
    ["Fault applied", request.fault || "none"],
    ["Duration", request.duration_ms === null ? "—" : request.duration_ms + " ms"],
  ];
  const list = $("detail-facts");
  list.replaceChildren();
  for (const [name, value] of facts) list.append(element("dt", name), element("dd", value));
  const problems = $("detail-problems");
  problems.replaceChildren();
  for (const problem of request.validation_errors) problems.append(element("li", `${problem.field}: ${problem.reason}`));
  if (!request.validation_errors.length) problems.append(element("li", "none", "muted"));
  const headers = $("detail-headers").tBodies[0];
  headers.replaceChildren();
  for (const header of request.headers) {
    const tr = element("tr");
    tr.append(element("td", header.name), element("td", header.value + (header.secret ? " (secret)" : "")));
    headers.append(tr);
  }
  let body;
  if (request.body_json !== undefined) body = JSON.stringify(request.body_json, null, 2);
  else if (request.body === null) body = `(not UTF-8; ${request.body_base64.length} base64 characters)`;
  else body = request.body || "(empty)";
  $("detail-body").textContent = body;
}

function closeDetail() {
  const key = state.selected;
  state.selected = null;
  $("detail").hidden = true;
  const row = key && state.rows.get(key);
  if (row) { row.tr.classList.remove("selected"); row.tr.querySelector("button").focus(); }
}

$("detail-close").addEventListener("click", closeDetail);
document.addEventListener("keydown", (event) => { if (event.key === "Escape" && !$("detail").hidden) closeDetail(); });

start();
