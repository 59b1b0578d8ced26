// The dashboard's panels: each system's card (faults, actions, collections) and a request's detail. Loaded after
// dashboard.js (whose state and helpers it uses); it starts the page.
"use strict";

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
      const records = await api(`/api/systems/${name}/collections/${encodeURIComponent(section.dataset.collection)}?limit=${MAX_RECORDS}`);
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
