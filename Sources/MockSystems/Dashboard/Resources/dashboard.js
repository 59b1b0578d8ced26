// The dashboard's core: API calls, the admin token, and the request feed followed by long polling. Everything is
// rendered with textContent only. dashboard-panels.js (loaded next) draws the systems and the detail, and starts.
"use strict";

/** Rows kept in the feed; older ones are removed, so the page stays fast however many requests arrive. */
const MAX_ROWS = 500;
/** How long one long poll waits on the server for an event (the server allows up to 30 s). */
const WAIT_MS = 25000;
/** After a poll that brought events, the next one waits this long: under load a page takes a few batches a
 *  second instead of one per request, and the server renders a bounded page each time. */
const POLL_PAUSE_MS = 250;
/** The pause while requests come faster than a page holds (the poll missed some): once a second is live enough
 *  to watch, and keeps a watched mock within a few percent of an unwatched one. */
const BUSY_POLL_PAUSE_MS = 1000;
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

// Only a change is written: the status is a live region, and a screen reader would repeat the same words.
function setConnection(text) { if ($("connection").textContent !== text) $("connection").textContent = text; }

// ---- start and token ----

async function start() {
  const match = /^#token=(.+)$/.exec(location.hash);
  if (match) {
    state.token = decodeURIComponent(match[1]);
    history.replaceState(null, "", location.pathname);  // the token leaves the address bar and the history entry
  }
  try {
    await loadSystems();
    $("token-form").hidden = true;
    $("board").hidden = false;
    await loadRecent();
  } catch (error) {
    if (error.status === 401) return askForToken(state.token ? "That token was refused." : "");
    setConnection("Cannot read the mocks: " + error.message + " (reload to try again)");
    return;
  }
  setConnection("Live: updates as requests arrive");
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
      if (answer.missed) {
        // More happened than one page holds: the rows shown may have completed since, so read the newest afresh.
        await loadRecent();
        for (const system of state.systems || []) scheduleRefresh(system.name);
        updateFeedNote(answer.missed);
      } else {
        for (const event of answer.events) applyEvent(event);
        state.cursor = answer.next;
        if (answer.events.length) updateFeedNote(0);
      }
      backoff = 500;
      const pause = answer.missed ? BUSY_POLL_PAUSE_MS : answer.events.length ? POLL_PAUSE_MS : 0;
      if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
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
  if (request.answered_by === "fault") return ["fault", "bad", "fault"];
  if (request.status === null) return ["no answer", "bad", "unanswered"];
  if (request.outcome === null) return ["no route", "bad", "unrouted"];
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
    element("span", request.route || "—"), element("span", outcome + (request.fault && request.answered_by !== "fault" ? " · delayed" : ""), "tag " + outcomeClass),
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
  if (missed) note += ` Busy: ${missed} events came faster than this page shows them; it read the newest afresh.`;
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
