// psephos page: one state (election, system, model, shares, explained
// party) kept in the URL; every change asks the server for a view
// (/api/view) and draws what it returns. No framework, no build step.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  // The page's parameters; any other in the address is named in an error
  // (a mistyped "shares=" must not pass unnoticed).
  const known = ["election", "system", "model", "share", "party"];
  // The view's other options, which the page has no controls for: kept
  // from the address as given and passed to the server, which checks them.
  const passed = ["list_share", "threshold", "independent", "successor", "fixed", "gb_wide", "scope", "strong_threshold"];

  let notice = "";        // a problem with the address, shown until the reader acts
  const state = readURL();
  let view = null;        // the last view drawn
  let sliderFor = "";     // the election whose sliders are on the page
  let inflight = null;    // AbortController of the view being fetched
  let timer = 0;
  let views = 0;

  function readURL() {
    const q = new URLSearchParams(location.search);
    const st = {
      election: q.get("election") || "",
      system: q.get("system") || "fptp",
      model: q.get("model") || "uns",
      // The share parameters exactly as given: the server reads them and
      // says what is wrong with them; the page never rewrites them.
      shares: q.getAll("share").length ? q.getAll("share") : null,
      party: q.get("party") || "",
      options: [...q.entries()].filter(([k]) => passed.includes(k)),
    };
    const unknown = [...new Set([...q.keys()].filter((k) => !known.includes(k) && !passed.includes(k)))];
    if (unknown.length) {
      notice = "The address has parameters this page does not know, which were not used: " + unknown.join(", ") +
        " (it knows " + [...known, ...passed].join(", ") + ").";
    }
    return st;
  }

  // The national share parameter from the sliders: each slider party's
  // share and Oth the rest (in hundredths, so nothing is rounded away).
  function sliderShare() {
    let sum = 0;
    const parts = [];
    for (const input of sliderInputs()) {
      const v = sliderValue(input);
      parts.push(input.dataset.party + "=" + num(v));
      sum += Math.round(v * 100);
    }
    parts.push("Oth=" + num(Math.max(0, 10000 - sum) / 100));
    return parts.join(",");
  }

  // Area targets ("Scotland: ...") of the address are kept when a slider
  // (a national share) moves.
  function withSliders(shares) {
    return [...(shares || []).filter((x) => x.includes(":")), sliderShare()];
  }

  function num(x) { return String(Math.round(x * 100) / 100); }

  function params() {
    const q = new URLSearchParams();
    if (state.election) q.set("election", state.election);
    if (state.system && state.system !== "fptp") q.set("system", state.system);
    if (state.shares) {
      if (state.model !== "uns") q.set("model", state.model);
      for (const x of state.shares) q.append("share", x);
    }
    for (const [k, v] of state.options) q.append(k, v);
    if (state.party) q.set("party", state.party);
    return q;
  }

  function writeURL() {
    const q = params().toString();
    history.replaceState(null, "", q ? "?" + q : location.pathname);
  }

  function showError(msg) {
    const e = $("error");
    const text = [notice, msg].filter(Boolean).join(" ");
    e.textContent = text;
    e.hidden = !text;
  }

  // The reader acted: the address's problem is theirs no longer.
  function acted() { notice = ""; }

  function status(msg) { $("status").textContent = msg; }

  async function getJSON(url, opts) {
    const r = await fetch(url, opts);
    let body = null;
    try { body = await r.json(); } catch (_) { /* not JSON */ }
    if (!r.ok) throw new Error((body && body.error) || (r.status + " " + r.statusText));
    return body;
  }

  // ---- loading ----

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(load, delay);
  }

  async function load() {
    if (inflight) inflight.abort();
    const ctl = new AbortController();
    inflight = ctl;
    const q = params();
    q.delete("party");
    status("Counting…");
    try {
      const v = await getJSON("/api/view?" + q.toString(), { signal: ctl.signal });
      if (ctl !== inflight) return;
      inflight = null;
      showError("");
      draw(v);
      writeURL();
      status(v.projection ? "Projection drawn." : "Result drawn.");
    } catch (err) {
      if (err.name === "AbortError") return;
      inflight = null;
      status("");
      showError(err.message);
      if (!view) fallback(err.message);
    }
  }

  // The address's view cannot be drawn (a bad system or shares): the
  // server's error stays shown, and the page draws the votes as cast
  // under first past the post instead, leaving the address as it was.
  async function fallback(msg) {
    const tries = [
      { election: state.election, system: "fptp", model: "uns", shares: null, options: [] },
      { election: "", system: "fptp", model: "uns", shares: null, options: [] },
    ];
    for (const t of tries) {
      const q = new URLSearchParams();
      if (t.election) q.set("election", t.election);
      try {
        const v = await getJSON("/api/view?" + q.toString());
        Object.assign(state, t, { party: "" });
        draw(v);
        showError(msg + " Showing " + v.title + " as cast, under first past the post, instead.");
        status("Result drawn.");
        return;
      } catch (_) { /* try the next */ }
    }
  }

  // ---- drawing ----

  function el(tag, attrs, ...kids) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") n.textContent = v;
      else if (v !== false && v !== null && v !== undefined) n.setAttribute(k, v === true ? "" : v);
    }
    for (const k of kids) n.append(k);
    return n;
  }

  function swatch(colour) {
    const s = el("span", { class: "swatch", "aria-hidden": "true" });
    s.style.background = colour;
    return s;
  }

  function fmt(n) { return n.toLocaleString("en-GB"); }
  function plural(n, noun) { return fmt(n) + " " + (n === 1 ? noun : noun === "constituency" ? "constituencies" : noun + "s"); }

  // A legend in HTML (readable at any size): a swatch, a name and a count
  // for each entry.
  function drawLegend(box, items, noun) {
    box.replaceChildren(...items.map((it) => el("li", { "data-party": it.party },
      swatch(it.colour), el("span", { class: "legend-name", text: it.name }), el("span", { class: "legend-count", text: plural(it.n, noun) }))));
    box.hidden = !items.length;
  }

  // Seats against votes, in HTML: for each party with seats or at least 1%
  // of the votes, a bar of its share of the votes and one of its share of
  // the seats, each labelled with its number.
  function drawBars(v) {
    const rows = v.parties.filter((p) => p.seats > 0 || p.vote_share >= 1);
    const top = Math.max(1, ...rows.map((p) => Math.max(p.vote_share, p.seat_share)));
    const bar = (cls, share, colour, label) => {
      const b = el("span", { class: "bar " + cls });
      b.style.width = (60 * share / top).toFixed(2) + "%"; // the rest of the line for the label (which wraps below when it does not fit)
      b.style.setProperty("--c", colour);
      return el("span", { class: "bar-line" }, b, el("span", { class: "bar-label", text: label }));
    };
    $("bars").replaceChildren(...rows.map((p) => el("div", { class: "bar-row", role: "listitem", "data-party": p.party,
      "aria-label": p.name + ": " + pct(p.vote_share) + " of the votes, " + pct(p.seat_share) + " of the seats (" + fmt(p.seats) + ")" },
      el("span", { class: "bar-name", text: p.name }),
      el("span", { class: "bar-pair", "aria-hidden": "true" },
        bar("votes", p.vote_share, p.colour, pct(p.vote_share) + " votes"),
        bar("seats", p.seat_share, p.colour, pct(p.seat_share) + " seats (" + fmt(p.seats) + ")")))));
  }
  function pct(x) { return x.toFixed(1) + "%"; }
  function signed(n) { return n > 0 ? "+" + n : n < 0 ? "−" + (-n) : "0"; }

  function draw(v) {
    const first = !view;
    view = v;
    state.election = v.election;
    state.system = v.system.spec;
    const what = v.title + ": " + v.system.label + (v.projection ? ", projected" : "");
    $("parliament-caption").textContent = what + ". " + plural(v.seats, "seat") + " · " + fmt(v.majority) + " for a majority.";
    $("parliament").innerHTML = v.svg.parliament;
    drawLegend($("parliament-legend"), [
      ...v.parties.filter((p) => p.seats > 0).map((p) => ({ party: p.party, name: p.name + " (" + p.party + ")", colour: p.colour, n: p.seats })),
      ...(v.pending ? [{ party: "", name: "Not yet decided (tie awaiting a lot)", colour: "#ffffff", n: v.pending }] : []),
    ], "seat");
    drawBars(v);
    $("map").innerHTML = v.svg.map || "";
    $("map").hidden = !v.map;
    $("find").disabled = !v.map;
    $("map-note").textContent = v.map_note || "";
    $("map-caption").textContent = v.map ? v.title + ": " + (v.projection ? "projected winner" : "winner") + " in each constituency." : "";
    drawLegend($("map-legend"), (v.map_legend || []).map((l) => ({ party: l.party, name: l.party ? l.name + " (" + l.party + ")" : l.name, colour: l.colour, n: l.hexes })), "constituency");
    $("system-description").textContent = v.system.label + ": " + v.system.description + ".";
    drawSelects(v);
    drawSliders(v);
    drawParties(v);
    drawSystems(v);
    drawLines(v);
    drawNotes(v);
    setupMap();
    views++;
    document.body.dataset.views = String(views);
    document.body.dataset.election = v.election;
    document.body.dataset.system = v.system.spec;
    if (first) {
      window.psephosDrawn = performance.now();
      document.body.dataset.drawn = "1";
    }
    if (state.party) explain(state.party, false);
  }

  function drawSelects(v) {
    const sys = $("system");
    sys.replaceChildren(...v.systems.map((s) => el("option", { value: s.spec, selected: s.spec === v.system.spec, text: s.label })));
    const model = $("model");
    if (!model.options.length) {
      model.replaceChildren(...v.models.map((m) => el("option", { value: m.name, title: m.description, text: m.description.split(" (")[0] })));
    }
    model.value = state.model;
    const sel = $("election");
    if (![...sel.options].some((o) => o.value === v.election)) {
      sel.append(el("option", { value: v.election, text: v.title + " (uploaded)" }));
    }
    sel.value = v.election;
    $("scope").textContent = "Shares are of the votes in " + v.scope + ".";
  }

  function drawSliders(v) {
    const box = $("sliders");
    if (sliderFor !== v.election) {
      sliderFor = v.election;
      box.replaceChildren();
      for (const s of v.sliders) {
        const id = "share-" + s.party;
        const out = el("output", { for: id, id: id + "-out" });
        const input = el("input", {
          type: "range", id, min: "0", max: "100", step: "0.1", "data-party": s.party, "data-baseline": s.share,
          "aria-describedby": id + "-base",
        });
        input.addEventListener("input", onSlide);
        box.append(el("div", { class: "slider" },
          el("label", { for: id }, swatch(s.colour), document.createTextNode(s.name + " (" + s.party + ")")),
          input, out,
          el("small", { id: id + "-base", text: "as cast: " + pct(s.share) })));
      }
    }
    // The sliders show the view: the projection's shares (the address's
    // targets for the parties they name, the model's result for the
    // others), or the votes as cast.
    const projected = new Map(((v.projection && v.projection.shares) || []).map((x) => [x.party, x.share]));
    for (const input of sliderInputs()) {
      const p = input.dataset.party;
      setSlider(input, projected.has(p) ? projected.get(p) : parseFloat(input.dataset.baseline));
    }
    updateOthers();
    $("reset").disabled = !v.projection;
    const pr = v.projection;
    $("projection-note").textContent = pr
      ? "Projected with " + pr.description + ": " + pr.changes + " seats change hands" + (pr.ties ? ", " + pr.ties + " tied" : "") + "."
      : "Showing the votes as cast.";
  }

  function sliderInputs() { return [...$("sliders").querySelectorAll("input")]; }

  // A slider's value is its data-value (exact, as the view gave it) until
  // it is moved; the range input itself holds it to its step.
  function sliderValue(input) { return parseFloat(input.dataset.value); }

  function setSlider(input, value) {
    input.value = value;
    input.dataset.value = String(value);
    const text = num(value) + "%";
    $(input.id + "-out").textContent = text;
    input.setAttribute("aria-valuetext", text);
  }

  function updateOthers() {
    let sum = 0;
    for (const input of sliderInputs()) sum += Math.round(sliderValue(input) * 100);
    $("others").textContent = "All other parties and candidates: " + num((10000 - sum) / 100) + "%";
  }

  function onSlide(ev) {
    const input = ev.target;
    const before = sliderValue(input);
    let value = parseFloat(input.value);
    // Others cannot fall below zero: a slider may not raise the total
    // above 100 (nor above what it already is). It never moves a value
    // the reader did not move.
    let total = 0;
    for (const other of sliderInputs()) total += Math.round(sliderValue(other) * 100);
    const rise = Math.round((value - before) * 100);
    if (rise > 0 && total + rise > 10000) value = before + Math.max(0, 10000 - total) / 100;
    setSlider(input, Math.round(value * 100) / 100);
    updateOthers();
    acted();
    state.shares = withSliders(state.shares);
    schedule(120);
  }

  function drawParties(v) {
    const head = el("tr", {},
      el("th", { scope: "col", text: "Party" }),
      el("th", { scope: "col", class: "num", text: v.projection ? "Votes (projected)" : "Votes" }),
      el("th", { scope: "col", class: "num", text: "Seats" }),
      el("th", { scope: "col", class: "num", text: "Seats (%)" }),
      el("th", { scope: "col", class: "num", text: "Change from the count" }));
    const rows = v.parties.map((p) => el("tr", { "data-party": p.party, "data-seats": p.seats },
      el("th", { scope: "row" }, swatch(p.colour), document.createTextNode(p.name + " (" + p.party + ")")),
      el("td", { class: "num", text: pct(p.vote_share) }),
      el("td", { class: "num seats", text: fmt(p.seats) }),
      el("td", { class: "num", text: pct(p.seat_share) }),
      el("td", { class: "num", text: signed(p.seats - p.actual_seats) })));
    $("parties").replaceChildren(
      el("caption", { text: v.title + ": " + v.system.label + (v.projection ? ", projected" : "") + ". " + fmt(v.seats) + " seats; " + fmt(v.majority) + " for a majority." }),
      el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function drawSystems(v) {
    const shown = v.parties.filter((p, i) => v.systems.some((s) => s.seats && s.seats[i] > 0));
    const idx = shown.map((p) => v.parties.indexOf(p));
    const head = el("tr", {}, el("th", { scope: "col", text: "System" }),
      ...shown.map((p) => el("th", { scope: "col", class: "num", title: p.name }, swatch(p.colour), document.createTextNode(p.party))));
    const rows = v.systems.map((s) => el("tr", { class: s.spec === v.system.spec ? "current" : "", "data-spec": s.spec },
      el("th", { scope: "row", title: s.description }, s.spec === v.system.spec ? el("strong", { text: s.label }) : document.createTextNode(s.label)),
      ...(s.error
        ? [el("td", { class: "failed", colspan: String(Math.max(1, idx.length)), text: "Not computed: " + s.error })]
        : idx.map((i) => el("td", { class: "num", text: fmt(s.seats[i]) })))));
    $("systems").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function drawLines(v) {
    const items = [];
    for (const p of v.parties) {
      if (!p.summary) continue;
      const btn = el("button", { type: "button", class: "link", "aria-expanded": "false", "aria-controls": "explain-" + p.party, "data-party": p.party, text: "Where it won and lost" });
      btn.addEventListener("click", () => {
        if (state.party === p.party) { state.party = ""; closeExplain(); writeURL(); return; }
        explain(p.party, true);
      });
      items.push(el("li", { "data-party": p.party },
        el("p", {}, swatch(p.colour), document.createTextNode(p.summary + " ")), btn,
        el("div", { id: "explain-" + p.party, class: "detail", hidden: true })));
    }
    $("lines").replaceChildren(...items);
    $("undecided").replaceChildren(...(v.undecided || []).map((u) => el("li", {},
      el("p", {}, swatch("#ffffff"), document.createTextNode("A seat not yet decided: " + u + ".")))));
  }

  function closeExplain() {
    for (const d of $("lines").querySelectorAll(".detail")) d.hidden = true;
    for (const b of $("lines").querySelectorAll("button")) b.setAttribute("aria-expanded", "false");
  }

  async function explain(party, focus) {
    const box = $("explain-" + party);
    if (!box) return;
    state.party = party;
    writeURL();
    closeExplain();
    box.hidden = false;
    box.previousElementSibling.setAttribute("aria-expanded", "true");
    box.textContent = "Loading…";
    try {
      const x = await getJSON("/api/explain?" + new URLSearchParams({ election: state.election, party }).toString());
      const table = (caption, list, what) => {
        if (!list.length) return el("p", { text: caption + ": none." });
        return el("div", { class: "scroll" }, el("table", {},
          el("caption", { text: caption }),
          el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Constituency" }), el("th", { scope: "col", class: "num", text: "Share" }),
            el("th", { scope: "col", text: what }), el("th", { scope: "col", class: "num", text: "Gap (votes)" }), el("th", { scope: "col", class: "num", text: "Voters to switch" }))),
          el("tbody", {}, ...list.slice(0, 5).map((s) => el("tr", {},
            el("th", { scope: "row", text: s.contest }), el("td", { class: "num", text: pct(s.share) }), el("td", { text: s.opponent }),
            el("td", { class: "num", text: fmt(s.gap) }), el("td", { class: "num", text: fmt(s.switchers_needed) }))))));
      };
      box.replaceChildren(
        el("p", { text: `Won ${fmt(x.won.length)}, second in ${fmt(x.second.length)}, lost ${fmt(x.lost.length)}.` }),
        table("Narrowest wins", x.won, "Runner-up"),
        table("Nearest misses", x.lost, "Winner"));
      if (focus) box.focus && box.scrollIntoView({ block: "nearest" });
    } catch (err) {
      box.textContent = err.message;
    }
  }

  function drawNotes(v) {
    const notes = [v.source + " (read as " + v.input_format + ")", ...v.notes];
    if (v.projection) notes.push(...v.projection.notes);
    $("notes").replaceChildren(...notes.map((n) => el("li", { text: n })));
  }

  // ---- the map: hover, tap, keyboard, search ----

  let cells = new Map(); // "q,r" → hex
  let byName = new Map();

  function setupMap() {
    const hexes = $("map").querySelectorAll(".hex");
    cells = new Map();
    byName = new Map();
    const names = [];
    let current = null;
    for (const h of hexes) {
      cells.set(h.dataset.q + "," + h.dataset.r, h);
      byName.set(h.dataset.name.toLowerCase(), h);
      names.push(h.dataset.name);
      h.setAttribute("tabindex", "-1");
      h.setAttribute("role", "button");
      h.setAttribute("aria-label", h.querySelector("title").textContent);
      if (h.dataset.id === selectedID) current = h;
    }
    if (hexes.length) (current || hexes[0]).setAttribute("tabindex", "0");
    if (current) select(current, false);
    const list = $("constituencies");
    if (list.dataset.election !== state.election) {
      list.dataset.election = state.election;
      names.sort();
      list.replaceChildren(...names.map((n) => el("option", { value: n })));
    }
  }

  let selectedID = "";

  function select(h, focus) {
    for (const o of $("map").querySelectorAll(".hex.selected")) o.classList.remove("selected");
    for (const o of $("map").querySelectorAll('.hex[tabindex="0"]')) o.setAttribute("tabindex", "-1");
    h.classList.add("selected");
    h.setAttribute("tabindex", "0");
    selectedID = h.dataset.id;
    $("hex-info").textContent = h.querySelector("title").textContent;
    ring(h);
    if (focus) h.focus();
  }

  // The selected (and focused) hex is outlined by a ring drawn above every
  // hex, dark and light so that it shows on any colour; a hex's own stroke
  // would be covered by its neighbours.
  const SVGNS = "http://www.w3.org/2000/svg";
  function ring(h) {
    const svg = h.ownerSVGElement;
    for (const r of svg.querySelectorAll(".ring")) r.remove();
    for (const cls of ["ring ring-outer", "ring ring-inner"]) {
      const r = document.createElementNS(SVGNS, "path");
      r.setAttribute("d", h.getAttribute("d"));
      r.setAttribute("class", cls);
      r.setAttribute("aria-hidden", "true");
      svg.append(r);
    }
  }

  function neighbour(h, dq, dr) {
    const q = parseInt(h.dataset.q, 10), r = parseInt(h.dataset.r, 10);
    for (let k = 1; k < 40; k++) {
      const n = cells.get((q + dq * k) + "," + (r + dr * k));
      if (n) return n;
    }
    return null;
  }

  const mapBox = $("map");
  mapBox.addEventListener("mouseover", (ev) => { const h = ev.target.closest(".hex"); if (h) $("hex-info").textContent = h.querySelector("title").textContent; });
  mapBox.addEventListener("click", (ev) => { const h = ev.target.closest(".hex"); if (h) select(h, true); });
  mapBox.addEventListener("focusin", (ev) => { const h = ev.target.closest(".hex"); if (h && !h.classList.contains("selected")) select(h, false); });
  mapBox.addEventListener("keydown", (ev) => {
    const h = ev.target.closest(".hex");
    if (!h) return;
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }; // rows count upwards
    const m = moves[ev.key];
    if (!m) return;
    ev.preventDefault();
    const n = neighbour(h, m[0], m[1]);
    if (n) select(n, true);
  });
  $("find").addEventListener("change", (ev) => {
    const h = byName.get(ev.target.value.trim().toLowerCase());
    if (h) select(h, true);
  });

  // ---- controls ----

  $("election").addEventListener("change", (ev) => {
    acted();
    state.election = ev.target.value;
    state.shares = null;
    state.party = "";
    selectedID = "";
    schedule(0);
  });
  $("system").addEventListener("change", (ev) => { acted(); state.system = ev.target.value; schedule(0); });
  $("model").addEventListener("change", (ev) => {
    acted();
    state.model = ev.target.value;
    if (!state.shares) state.shares = withSliders(null);
    schedule(0);
  });
  $("reset").addEventListener("click", () => { acted(); state.shares = null; schedule(0); });
  $("controls").addEventListener("submit", (ev) => ev.preventDefault());

  $("upload").addEventListener("change", async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    acted();
    const form = new FormData();
    form.append("file", file, file.name);
    status("Reading " + file.name + "…");
    try {
      const u = await getJSON("/api/upload", { method: "POST", body: form });
      state.election = u.election;
      state.shares = null;
      state.party = "";
      state.system = "fptp";
      selectedID = "";
      showError("");
      status("Read " + file.name + " as " + u.input_format + ": " + fmt(u.contests) + " contests.");
      await load();
    } catch (err) {
      status("");
      showError("Could not read " + file.name + ": " + err.message);
    } finally {
      ev.target.value = "";
    }
  });

  async function datasets() {
    try {
      const d = await getJSON("/api/datasets");
      const sel = $("election");
      const keep = [...sel.options].filter((o) => o.value.startsWith("upload-"));
      sel.replaceChildren(...d.datasets.map((x) => el("option", { value: x.name, text: x.title })), ...keep);
      if (!state.election) state.election = (d.datasets.find((x) => x.default) || d.datasets[0] || {}).name || "";
      if (view) sel.value = view.election;
    } catch (err) {
      showError(err.message);
    }
  }

  datasets();
  const initial = document.getElementById("initial-view");
  if (initial) {
    // The server put the view of this URL in the page: draw it now.
    const v = JSON.parse(initial.textContent);
    draw(v);
    writeURL();
    showError("");
    status(v.projection ? "Projection drawn." : "Result drawn.");
  } else {
    load();
  }
})();
