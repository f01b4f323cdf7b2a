// govkg query page: named queries and raw SPARQL against this server (or another endpoint).
// Every value is written with textContent: nothing from a result is parsed as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let catalog = [];

function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return `${term.value} @${term["xml:lang"]}`;
  return term.value;
}

function renderJson(doc) {
  const out = $("output");
  out.replaceChildren();
  if ("boolean" in doc) {
    out.textContent = String(doc.boolean);
    return 0;
  }
  const vars = doc.head.vars || [];
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of doc.results.bindings) {
    const row = body.insertRow();
    for (const v of vars) row.insertCell().textContent = cell(binding[v]);
  }
  out.appendChild(table);
  return doc.results.bindings.length;
}

async function show(response, started) {
  const ms = Math.round(performance.now() - started);
  const type = response.headers.get("Content-Type") || "";
  const truncated = response.headers.get("X-Govkg-Truncated") === "true";
  const text = await response.text();
  if (!response.ok) {
    $("status").className = "error";
    $("status").textContent = `${response.status} ${response.statusText}: ${text}`;
    $("output").replaceChildren();
    return;
  }
  $("status").className = "";
  let count = "";
  if (type.includes("json") && !type.includes("ld+json")) {
    count = `${renderJson(JSON.parse(text))} rows, `;
  } else {
    const pre = document.createElement("pre");
    pre.textContent = text;
    $("output").replaceChildren(pre);
  }
  const limit = response.headers.get("X-Govkg-Row-Limit");
  const note = truncated ? ` — truncated at the server's limit of ${limit} rows` : "";
  $("status").textContent = `${count}${ms} ms${note}`;
}

async function runSparql(event) {
  event.preventDefault();
  const started = performance.now();
  $("status").textContent = "running…";
  try {
    const response = await fetch($("endpoint").value, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: $("format").value },
      body: new URLSearchParams({ query: $("query").value }),
    });
    await show(response, started);
  } catch (err) {
    $("status").className = "error";
    $("status").textContent = `request failed: ${err}`;
  }
}

function chooseNamed() {
  const query = catalog.find((q) => q.name === $("named-select").value);
  const box = $("named-params");
  box.replaceChildren();
  $("named-summary").textContent = query ? query.summary : "";
  if (!query) return;
  for (const p of query.params) {
    const label = document.createElement("label");
    label.className = "param";
    label.textContent = `${p.name}${p.required ? " (required)" : ""}: `;
    const input = document.createElement("input");
    input.name = p.name;
    input.placeholder = p.example || p.type;
    input.title = p.description;
    input.size = 40;
    label.appendChild(input);
    box.appendChild(label);
  }
}

async function runNamed(event) {
  event.preventDefault();
  const name = $("named-select").value;
  if (!name) return;
  const params = new URLSearchParams();
  for (const input of $("named-params").querySelectorAll("input")) {
    if (input.value.trim()) params.set(input.name, input.value.trim());
  }
  const started = performance.now();
  $("status").textContent = "running…";
  const url = `/queries/${encodeURIComponent(name)}?${params}`;
  await show(await fetch(url, { headers: { Accept: "application/sparql-results+json" } }), started);
}

async function loadCatalog() {
  const response = await fetch("/queries");
  catalog = (await response.json()).queries;
  const select = $("named-select");
  select.replaceChildren();
  for (const q of catalog) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.cq ? `${q.name} [${q.cq}]` : q.name;
    select.appendChild(option);
  }
  chooseNamed();
}

document.addEventListener("DOMContentLoaded", () => {
  $("endpoint").value = `${window.location.origin}/sparql`;
  $("sparql-form").addEventListener("submit", runSparql);
  $("named-form").addEventListener("submit", runNamed);
  $("named-select").addEventListener("change", chooseNamed);
  loadCatalog().catch((err) => {
    $("named-summary").textContent = `could not load the named queries: ${err}`;
  });
});
