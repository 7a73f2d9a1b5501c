/* beslan-kg viewer. All graph text is untrusted: the DOM is built with
   createElement/textContent only, never innerHTML, and vis-network and
   vis-timeline get DOM elements, never HTML strings. */
(() => {
  "use strict";

  const DATA = JSON.parse(document.getElementById("kg-data").textContent);

  const UI = {
    en: {
      language: "Language", search: "Search", types: "Types", articlesHeading: "Articles", all: "All", none: "None",
      languages: "Article languages", timeline: "Timeline", read: "Read", close: "Close",
      overview: "Overview: the {n} most connected entities and main events of {total}. Double-click a node to draw its neighbours.",
      showAll: "Show all", showNeighbours: "Show its neighbours", notDrawn: "{n} not drawn yet",
      hint: "Click a node or a relation to see its type, aliases and the sentences it comes from, or read an article.",
      shown: "shown", layout: "Laying out the graph…",
      type: "Type", mentionsIn: "{mentions} in {articles}", aliases: "Aliases",
      figures: "Figures", evidence: "Evidence", noEvidence: "No evidence sentences.", predicate: "Property",
      disagree: "sources disagree", disputed: "another source gives a number that cannot also be true",
      notFound: "No entity matches.", hiddenByFilter: "Hidden by the current filters.", placeholder: "Name or alias…",
      gap: "[…]", gapTitle: "{n} characters of the article that name nothing are not in the graph",
      readerNote: "The sentences of the article that the graph holds, every mention highlighted; click one to find it in the graph.",
      relations: "Relations", neighbours: "Neighbours",
    },
    es: {
      language: "Idioma", search: "Buscar", types: "Tipos", articlesHeading: "Artículos", all: "Todos", none: "Ninguno",
      languages: "Idiomas de los artículos", timeline: "Cronología", read: "Leer", close: "Cerrar",
      overview: "Vista general: las {n} entidades más conectadas y los acontecimientos principales de {total}. Doble clic en un nodo dibuja sus vecinos.",
      showAll: "Mostrar todo", showNeighbours: "Mostrar sus vecinos", notDrawn: "{n} aún sin dibujar",
      hint: "Haga clic en un nodo o una relación para ver su tipo, sus alias y las frases de las que procede, o lea un artículo.",
      shown: "visibles", layout: "Calculando la disposición…",
      type: "Tipo", mentionsIn: "{mentions} en {articles}", aliases: "Alias",
      figures: "Cifras", evidence: "Evidencia", noEvidence: "Sin frases de evidencia.", predicate: "Propiedad",
      disagree: "las fuentes discrepan", disputed: "otra fuente da un número que no puede ser también cierto",
      notFound: "Ninguna entidad coincide.", hiddenByFilter: "Oculto por los filtros actuales.", placeholder: "Nombre o alias…",
      gap: "[…]", gapTitle: "{n} caracteres del artículo que no nombran nada no están en el grafo",
      readerNote: "Las frases del artículo que contiene el grafo, con cada mención resaltada; haga clic en una para encontrarla en el grafo.",
      relations: "Relaciones", neighbours: "Vecinos",
    },
  };
  // Counted words: [singular, plural]; Intl.PluralRules picks which.
  const WORDS = {
    en: {
      entity: ["entity", "entities"], event: ["event", "events"], relation: ["relation", "relations"],
      figure: ["figure", "figures"], article: ["article", "articles"], mention: ["mention", "mentions"],
      node: ["node", "nodes"],
    },
    es: {
      entity: ["entidad", "entidades"], event: ["acontecimiento", "acontecimientos"], relation: ["relación", "relaciones"],
      figure: ["cifra", "cifras"], article: ["artículo", "artículos"], mention: ["mención", "menciones"],
      node: ["nodo", "nodos"],
    },
  };
  const QUALIFIER = {
    en: { exact: "{v}", more_than: "more than {v}", at_least: "at least {v}", approximately: "about {v}",
      fewer_than: "fewer than {v}", at_most: "at most {v}", range: "between {v} and {u}" },
    es: { exact: "{v}", more_than: "más de {v}", at_least: "al menos {v}", approximately: "unos {v}",
      fewer_than: "menos de {v}", at_most: "como máximo {v}", range: "entre {v} y {u}" },
  };
  const DATE_FIELDS = { en: { startDate: "Date", endDate: "End", startTime: "Time" },
    es: { startDate: "Fecha", endDate: "Fin", startTime: "Hora" } };
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';
  const LABEL_PX = 13; // node labels on screen, whatever the zoom
  const EDGE_LABEL_PX = 12;
  const WRAP = 24; // characters per line of a node label

  let lang = DATA.language;
  const t = (key, values) => UI[lang][key].replace(/\{(\w+)\}/g, (_, k) => (values && k in values ? values[k] : ""));
  const number = (n) => n.toLocaleString(lang);
  function count(n, word) {
    const forms = WORDS[lang][word];
    return number(n) + " " + (new Intl.PluralRules(lang).select(n) === "one" ? forms[0] : forms[1]);
  }
  const byId = (list) => new Map(list.map((x) => [x.id, x]));
  const nodeInfo = byId(DATA.nodes);
  const edgeInfo = byId(DATA.edges);
  const kindInfo = byId(DATA.kinds);
  const edgesOf = new Map(DATA.nodes.map((n) => [n.id, []]));
  DATA.edges.forEach((e) => { edgesOf.get(e.from).push(e); edgesOf.get(e.to).push(e); });
  const otherEnd = (e, id) => (e.from === id ? e.to : e.from);
  const articlesOfSpans = (spans) => [...new Set(spans.map((s) => s[0]).filter((a) => a >= 0))];
  DATA.nodes.forEach((n) => { n.articleIndexes = articlesOfSpans(n.mentions); });
  DATA.edges.forEach((e) => { e.articleIndexes = articlesOfSpans(e.evidence); });

  // ---- small DOM helpers -------------------------------------------------
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function badge(text, extra) {
    return el("span", extra ? "badge " + extra : "badge", text);
  }
  function button(text, onClick, className) {
    const b = el("button", className || "link", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function row(dl, term, value) {
    dl.append(el("dt", null, term));
    const dd = el("dd");
    dd.append(value instanceof Node ? value : document.createTextNode(String(value)));
    dl.append(dd);
  }
  function articleLine(index) {
    const a = DATA.articles[index] || { title: "?", language: "", date: null };
    const span = el("span", null, a.title);
    if (a.language) span.append(badge(a.language));
    if (a.date) span.append(" ", el("span", "muted", a.date));
    return span;
  }
  function shade(hex, factor) {
    const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const out = rgb.map((c) => Math.round(factor <= 1 ? c * factor : c + (255 - c) * (factor - 1)));
    return "#" + out.map((c) => Math.min(255, Math.max(0, c)).toString(16).padStart(2, "0")).join("");
  }
  function wrap(text, width) {
    const lines = [];
    let line = "";
    text.split(/\s+/).forEach((word) => {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; } else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines;
  }
  const sentenceOf = (s) => (DATA.articles[s[0]] || { sentences: [] }).sentences[s[1]];

  // ---- the network -------------------------------------------------------
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const container = document.getElementById("graph");
  const progress = document.getElementById("progress");
  const state = { selected: null, hovered: null, labels: new Map(), edgeLabels: new Set() };

  function nodeTooltip(n) {
    const box = el("div");
    box.append(el("strong", null, n.labels[lang]), el("div", null, n.classLabels[lang]));
    if (n.period) box.append(el("div", null, n.period.text));
    return box;
  }
  function visNode(n) {
    const kind = kindInfo.get(n.kind);
    return {
      id: n.id, shape: kind.shape, size: n.size, label: "", title: nodeTooltip(n),
      color: {
        background: kind.color, border: shade(kind.color, 0.7),
        highlight: { background: shade(kind.color, 1.25), border: "#1f2328" },
        hover: { background: shade(kind.color, 1.25), border: shade(kind.color, 0.7) },
      },
    };
  }
  function edgeTooltip(e) {
    const box = el("div");
    box.append(el("strong", null, e.labels[lang]));
    box.append(el("div", null, nodeInfo.get(e.from).labels[lang] + " → " + nodeInfo.get(e.to).labels[lang]));
    return box;
  }
  // Parallel edges of a pair (either direction) fan out on static curves.
  const curves = new Map();
  (() => {
    const groups = new Map();
    DATA.edges.forEach((e) => {
      const key = e.from < e.to ? e.from + " " + e.to : e.to + " " + e.from;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    });
    groups.forEach((members) => members.forEach((e, rank) => {
      const offset = rank - (members.length - 1) / 2;
      if (offset === 0) return;
      const first = e.from < e.to ? e.from : e.to;
      const clockwise = (offset > 0) === (e.from === first);
      curves.set(e.id, { enabled: true, type: clockwise ? "curvedCW" : "curvedCCW", roundness: Math.min(0.9, 0.22 * Math.abs(offset)) });
    }));
  })();
  function visEdge(e) {
    return { id: e.id, from: e.from, to: e.to, label: "", title: edgeTooltip(e), dashes: !e.relation,
      smooth: curves.get(e.id) || { enabled: false } };
  }

  // What is drawn: everything, or (a large graph) the overview and what the reader asked for.
  const loaded = new Set();
  function load(ids, around) {
    const added = [...ids].filter((id) => nodeInfo.has(id) && !loaded.has(id));
    if (!added.length) return [];
    const anchor = around && loaded.has(around) ? network.getPosition(around) : null;
    added.forEach((id) => loaded.add(id));
    nodes.add(added.map((id, i) => {
      const item = visNode(nodeInfo.get(id));
      if (anchor) {
        // New neighbours go on a ring around the node that brought them in.
        const angle = (2 * Math.PI * i) / added.length;
        const radius = 140 + 12 * added.length;
        item.x = anchor.x + radius * Math.cos(angle);
        item.y = anchor.y + radius * Math.sin(angle);
      }
      return item;
    }));
    const newEdges = new Map();
    added.forEach((id) => edgesOf.get(id).forEach((e) => {
      if (loaded.has(e.from) && loaded.has(e.to) && !edges.get(e.id)) newEdges.set(e.id, visEdge(e));
    }));
    edges.add([...newEdges.values()]);
    return added;
  }
  // The network is made with its first nodes in place, so that it lays them out before drawing.
  load(DATA.overview ? DATA.overview.nodes : DATA.nodes.map((n) => n.id));
  const network = new vis.Network(container, { nodes, edges }, DATA.vis);
  // A handle for scripted checks (the browser tests) and for curious readers' consoles.
  const api = { network, nodes, edges, settled: false };
  window.beslanKG = api;

  const notDrawn = (id) => edgesOf.get(id).filter((e) => !loaded.has(otherEnd(e, id))).length;
  function expand(id) {
    const added = load(edgesOf.get(id).map((e) => otherEnd(e, id)), id);
    applyFilters();
    renderOverviewNote();
    return added;
  }

  // ---- readable labels ---------------------------------------------------
  // Node labels keep LABEL_PX on screen at any zoom, and are drawn for as many
  // nodes as fit without overlapping: the selected node and its neighbours
  // first, then the most connected. Edge labels are drawn for the selected or
  // hovered node's relations.
  const measureCtx = document.createElement("canvas").getContext("2d");
  // Where a label may go, tried in order: below its node (vis-network's place), then above.
  const SIDES = ["bottom", "top"];
  function labelBox(n, lines, px, pos, scale, side) {
    measureCtx.font = px + "px " + FONT;
    const width = Math.max(...lines.map((l) => measureCtx.measureText(l).width)) + 6;
    const height = lines.length * px * 1.25;
    const r = n.size * scale + 3;
    const left = pos.x - width / 2;
    const top = side === "bottom" ? pos.y + r : pos.y - r - height;
    return { left, right: left + width, top, bottom: top + height };
  }
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  function placeLabels() {
    if (!api.settled) return;
    const scale = network.getScale();
    const px = Math.min(18, Math.max(LABEL_PX, 14 * scale));
    const fontSize = px / scale;
    const visible = nodes.get({ filter: (v) => !v.hidden }).map((v) => nodeInfo.get(v.id));
    const focus = state.selected || state.hovered;
    const near = new Set(focus && nodeInfo.has(focus) ? [focus, ...edgesOf.get(focus).map((e) => otherEnd(e, focus))] : []);
    visible.sort((a, b) => (near.has(b.id) - near.has(a.id)) || (b.id === focus) - (a.id === focus) ||
      b.degree - a.degree || b.mentions.length - a.mentions.length || (a.id < b.id ? -1 : 1));
    const positions = network.getPositions(visible.map((n) => n.id));
    const width = container.clientWidth;
    const height = container.clientHeight;
    // A label may not cover a label already placed, nor a node that comes before it.
    const dom = new Map(visible.map((n) => [n.id, network.canvasToDOM(positions[n.id])]));
    const bodies = visible.map((n) => {
      const pos = dom.get(n.id);
      const r = n.size * scale;
      return { id: n.id, left: pos.x - r, right: pos.x + r, top: pos.y - r, bottom: pos.y + r };
    });
    const placed = [];
    const updates = [];
    visible.forEach((n, rank) => {
      const pos = dom.get(n.id);
      const extra = DATA.overview && loaded.size < DATA.nodes.length ? notDrawn(n.id) : 0;
      const lines = wrap(n.labels[lang], WRAP).concat(extra ? ["+" + number(extra)] : []);
      const fits = (box) => box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height &&
        !placed.some((p) => overlaps(p, box)) && !bodies.some((b, i) => i < rank && overlaps(b, box));
      let side = SIDES.find((s) => fits(labelBox(n, lines, px, pos, scale, s)));
      if (!side && n.id === focus) side = "bottom";
      if (side) placed.push(labelBox(n, lines, px, pos, scale, side));
      const text = side ? lines.join("\n") : "";
      const previous = state.labels.get(n.id);
      if (!previous || previous.text !== text || previous.size !== fontSize || previous.side !== side) {
        state.labels.set(n.id, { text, size: fontSize, side });
        // vis-network draws a label below its node; vadjust moves it to the chosen side.
        const vadjust = side === "top" ? -(2 * n.size + lines.length * fontSize * 1.25 + 6 / scale) : 0;
        updates.push({ id: n.id, label: text, font: { size: fontSize, vadjust } });
      }
    });
    if (updates.length) nodes.update(updates);
    // The focused node's relations (its own ontology's first, sub-event links after),
    // each labelled at its middle where the label covers no node and no other label.
    const wanted = new Set();
    if (focus && nodeInfo.has(focus)) {
      measureCtx.font = EDGE_LABEL_PX + "px " + FONT;
      const candidates = edgesOf.get(focus).filter((e) => { const v = edges.get(e.id); return v && !v.hidden; });
      candidates.sort((a, b) => b.relation - a.relation || (a.id < b.id ? -1 : 1));
      candidates.forEach((e) => {
        const [p, q] = [network.canvasToDOM(network.getPosition(e.from)), network.canvasToDOM(network.getPosition(e.to))];
        const w = measureCtx.measureText(api.edgeLabel(e.id)).width + 6;
        const h = EDGE_LABEL_PX * 1.3;
        const x = (p.x + q.x) / 2;
        const y = (p.y + q.y) / 2;
        const box = { left: x - w / 2, right: x + w / 2, top: y - h / 2, bottom: y + h / 2 };
        if (!placed.some((b) => overlaps(b, box)) && !bodies.some((b) => overlaps(b, box))) {
          placed.push(box);
          wanted.add(e.id);
        }
      });
    }
    const edgeUpdates = [];
    new Set([...state.edgeLabels, ...wanted]).forEach((id) => {
      if (!edges.get(id)) return;
      edgeUpdates.push({ id, label: wanted.has(id) ? api.edgeLabel(id) : "", font: { size: EDGE_LABEL_PX / scale } });
    });
    state.edgeLabels = wanted;
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  // Labels are placed once the view has rested 60 ms (an animation redraws more often than that).
  let placeTimer = null;
  let placeWaiters = [];
  function schedulePlaceLabels() {
    clearTimeout(placeTimer);
    placeTimer = setTimeout(() => {
      placeTimer = null;
      placeLabels();
      placeWaiters.forEach((resolve) => resolve());
      placeWaiters = [];
    }, 60);
  }
  api.edgeLabel = (id) => edgeInfo.get(id).labels[lang];
  // Resolves when the view has come to rest and its labels are placed.
  api.labelsPlaced = () => new Promise((resolve) => {
    placeWaiters.push(resolve);
    if (!placeTimer) schedulePlaceLabels();
  });
  // Whatever moved the view (the mouse, a search, a script), place the labels again once it rests.
  let lastView = "";
  network.on("afterDrawing", () => {
    const view = network.getScale().toFixed(4) + " " + JSON.stringify(network.getViewPosition());
    if (view !== lastView) { lastView = view; schedulePlaceLabels(); }
  });
  network.on("hoverNode", (p) => { state.hovered = p.node; schedulePlaceLabels(); });
  network.on("blurNode", () => { state.hovered = null; schedulePlaceLabels(); });

  function settle() {
    network.setOptions({ physics: { enabled: false } });
    progress.textContent = "";
    api.settled = true;
    placeLabels();
  }
  function layOut() {
    if (!nodes.length) { settle(); return; } // an empty graph never stabilises
    api.settled = false;
    progress.textContent = t("layout");
    network.once("stabilizationIterationsDone", settle);
  }
  network.on("stabilizationProgress", (p) => {
    progress.textContent = t("layout") + " " + Math.round((100 * p.iterations) / p.total) + "%";
  });

  // ---- filters -----------------------------------------------------------
  const kindOn = new Set(DATA.kinds.map((k) => k.id));
  const articleOn = new Set(DATA.articles.map((_, i) => i));
  const languageOn = new Set(DATA.articles.map((a) => a.language));
  const articleShown = (i) => articleOn.has(i) && languageOn.has(DATA.articles[i].language);
  // A node or relation counts when one of its articles is checked (or it has none).
  const inCheckedArticle = (indexes) => indexes.length === 0 || indexes.some(articleShown);
  const nodeVisible = (n) => kindOn.has(n.kind) && inCheckedArticle(n.articleIndexes);
  let shown = { entities: 0, events: 0, relations: 0 };
  function applyFilters() {
    const visible = new Set([...loaded].filter((id) => nodeVisible(nodeInfo.get(id))));
    nodes.update([...loaded].map((id) => ({ id, hidden: !visible.has(id) })));
    shown = { entities: 0, events: 0, relations: 0 };
    visible.forEach((id) => { shown[nodeInfo.get(id).kind === "Event" ? "events" : "entities"] += 1; });
    edges.update(edges.getIds().map((id) => {
      const e = edgeInfo.get(id);
      const ok = visible.has(e.from) && visible.has(e.to) && inCheckedArticle(e.articleIndexes);
      if (ok && e.relation) shown.relations += 1;
      return { id, hidden: !ok };
    }));
    renderCounts();
    schedulePlaceLabels();
  }
  function checkbox(checked, onChange) {
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    return box;
  }
  function renderKindFilter() {
    document.getElementById("kind-filter").replaceChildren(...DATA.kinds.map((k) => {
      const swatch = el("span", "swatch shape-" + k.shape);
      swatch.style.background = k.color;
      const label = el("label");
      label.append(
        checkbox(kindOn.has(k.id), (on) => { on ? kindOn.add(k.id) : kindOn.delete(k.id); applyFilters(); }),
        swatch, el("span", "grow", k.labels[lang]), el("span", "count", number(k.count)),
      );
      const li = el("li");
      li.append(label);
      return li;
    }));
  }
  function renderArticleFilter() {
    document.getElementById("article-filter").replaceChildren(...DATA.articles.map((a, i) => {
      const label = el("label");
      const text = articleLine(i);
      text.className = "grow";
      label.append(checkbox(articleOn.has(i), (on) => { on ? articleOn.add(i) : articleOn.delete(i); applyFilters(); }), text);
      const li = el("li");
      li.append(label, button(t("read"), () => openArticle(i), "link read"));
      return li;
    }));
  }
  function renderLanguageFilter() {
    const codes = Object.keys(DATA.counts.languages).sort();
    document.getElementById("language-filter").replaceChildren(...codes.map((code) => {
      const label = el("label");
      label.append(
        checkbox(languageOn.has(code), (on) => { on ? languageOn.add(code) : languageOn.delete(code); applyFilters(); }),
        el("span", "grow", code.toUpperCase()), el("span", "count", number(DATA.counts.languages[code])),
      );
      label.dataset.language = code;
      const li = el("li");
      li.append(label);
      return li;
    }));
  }
  function setAllArticles(on) {
    DATA.articles.forEach((_, i) => (on ? articleOn.add(i) : articleOn.delete(i)));
    renderArticleFilter();
    applyFilters();
  }
  document.getElementById("articles-all").addEventListener("click", () => setAllArticles(true));
  document.getElementById("articles-none").addEventListener("click", () => setAllArticles(false));

  // The build summary's counts: entities (events apart), events, relations, figures, articles.
  function renderCounts() {
    const c = DATA.counts;
    const filtered = loaded.size === DATA.nodes.length;
    const part = (n, total, word) => (filtered && n !== total ? number(n) + " / " : "") + count(total, word);
    const byLang = Object.keys(c.languages).sort().map((l) => l.toUpperCase() + " " + number(c.languages[l])).join(", ");
    document.getElementById("counts").textContent = [
      part(shown.entities, c.entities, "entity"),
      part(shown.events, c.events, "event"),
      part(shown.relations, c.relations, "relation"),
      count(c.figures, "figure"),
      count(c.articles, "article") + (byLang ? " (" + byLang + ")" : ""),
    ].join(" · ");
  }
  function renderOverviewNote() {
    const note = document.getElementById("overview-note");
    if (!DATA.overview || loaded.size === DATA.nodes.length) { note.replaceChildren(); return; }
    const all = button(t("showAll"), showAll, "small");
    all.id = "show-all";
    note.replaceChildren(el("span", null, t("overview", { n: number(DATA.overview.nodes.length), total: count(DATA.nodes.length, "node") }) + " "), all);
  }
  function showAll() {
    load(DATA.nodes.map((n) => n.id));
    renderOverviewNote();
    applyFilters();
    network.setOptions({ physics: { enabled: true } });
    layOut();
    network.stabilize(DATA.vis.physics.stabilization.iterations);
  }

  // ---- search ------------------------------------------------------------
  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const searchIndex = [];
  DATA.nodes.forEach((n) => {
    new Set([n.labels.en, n.labels.es, ...n.aliases.map((a) => a.text)]).forEach((name) => searchIndex.push({ key: fold(name), name, id: n.id }));
  });
  document.getElementById("search-list").replaceChildren(...[...new Set(searchIndex.map((s) => s.name))].sort().map((name) => {
    const option = el("option");
    option.value = name;
    return option;
  }));
  function findNode(query) {
    const q = fold(query);
    if (!q) return null;
    const hit = searchIndex.find((s) => s.key === q) || searchIndex.find((s) => s.key.startsWith(q)) ||
      searchIndex.find((s) => s.key.includes(q));
    return hit ? hit.id : null;
  }
  const searchBox = document.getElementById("search");
  const searchMsg = document.getElementById("search-msg");
  function runSearch() {
    const id = findNode(searchBox.value);
    searchMsg.textContent = "";
    if (!searchBox.value.trim()) return;
    if (!id) { searchMsg.textContent = t("notFound"); return; }
    if (!nodeVisible(nodeInfo.get(id))) searchMsg.textContent = t("hiddenByFilter");
    focusNode(id);
  }
  // Picking a suggestion (an exact name) focuses at once; Enter also accepts a prefix or substring.
  searchBox.addEventListener("input", () => {
    const q = fold(searchBox.value);
    if (q && searchIndex.some((s) => s.key === q)) runSearch();
  });
  searchBox.addEventListener("keydown", (ev) => { if (ev.key === "Enter") runSearch(); });

  // ---- selection ---------------------------------------------------------
  // Select a node and bring it into view with its neighbours, never zooming in
  // past 1:1 (nor past where the reader already is).
  function focusNode(id, options) {
    if (!nodeInfo.has(id)) return;
    const keepPanel = options && options.keepPanel;
    if (!loaded.has(id)) {
      const anchor = edgesOf.get(id).map((e) => otherEnd(e, id)).find((other) => loaded.has(other));
      load([id], anchor);
      expand(id);
    }
    state.selected = id;
    network.selectNodes([id]);
    const around = [id, ...network.getConnectedNodes(id)].filter((other) => !(nodes.get(other) || {}).hidden);
    network.fit({ nodes: around, maxZoomLevel: Math.max(1, network.getScale()), minZoomLevel: 0.05,
      animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    if (timeline && timelineItems.get(id)) timeline.setSelection([id]);
    else if (timeline) timeline.setSelection([]);
    if (!keepPanel) showNode(id);
    else markActive(id);
    schedulePlaceLabels();
  }
  api.select = focusNode;
  function focusEdge(id) {
    network.selectEdges([id]);
    state.selected = null;
    showEdge(id);
    schedulePlaceLabels();
  }

  // ---- side panel --------------------------------------------------------
  const panel = document.getElementById("panel");
  let current = null;

  function showHint() {
    current = null;
    panel.replaceChildren(el("p", "muted", t("hint")));
  }
  function heading(labels) {
    const other = labels[lang === "en" ? "es" : "en"];
    const parts = [el("h2", "title", labels[lang])];
    if (other !== labels[lang]) parts.push(el("p", "sub", other));
    return parts;
  }
  // A sentence with one span marked, from its offsets in the article.
  function quote(span) {
    const sentence = sentenceOf(span);
    const q = el("blockquote", "evidence");
    if (!sentence) return q;
    const [start, text] = sentence;
    q.append(text.slice(0, span[2] - start), el("mark", null, text.slice(span[2] - start, span[3] - start)), text.slice(span[3] - start));
    return q;
  }
  function evidenceSection(spans) {
    const section = [el("h3", null, t("evidence") + " (" + number(spans.length) + ")")];
    if (!spans.length) section.push(el("p", "muted", t("noEvidence")));
    let lastArticle = null;
    spans.forEach((s) => {
      if (s[0] !== lastArticle) {
        const h = el("h4");
        h.append(articleLine(s[0]), " ", button(t("read"), () => openArticle(s[0], s), "link read"));
        section.push(h);
        lastArticle = s[0];
      }
      section.push(quote(s));
    });
    return section;
  }
  function formatFigure(f) {
    const pattern = QUALIFIER[lang][f.qualifier] || "{v}";
    return pattern.replace("{v}", number(f.value)).replace("{u}", f.upper === null ? "?" : number(f.upper));
  }
  function figuresSection(groups) {
    const section = [el("h3", null, t("figures"))];
    groups.forEach((g) => {
      const h = el("h4", null, g.labels[lang]);
      if (g.disagree) h.append(badge(t("disagree"), "warn disagree"));
      const table = el("table", "figures");
      g.values.forEach((f) => {
        const tr = el("tr", f.disputed ? "disputed" : null);
        if (f.disputed) tr.title = t("disputed");
        const source = el("td");
        source.append(articleLine(f.span[0]), " ", button(t("read"), () => openArticle(f.span[0], f.span), "link read"), quote(f.span));
        tr.append(el("td", "value", formatFigure(f)), source);
        table.append(tr);
      });
      section.push(h, table);
    });
    return section;
  }
  function relationsSection(id) {
    const items = edgesOf.get(id).map((e) => {
      const li = el("li");
      const other = nodeInfo.get(otherEnd(e, id));
      li.append(button((e.from === id ? "→ " : "← ") + e.labels[lang], () => { if (!loaded.has(other.id)) focusNode(other.id); focusEdge(e.id); }), " ",
        button(other.labels[lang], () => focusNode(other.id)));
      return li;
    });
    if (!items.length) return [];
    const ul = el("ul", "plain");
    ul.append(...items);
    return [el("h3", null, t("relations") + " (" + number(items.length) + ")"), ul];
  }

  function showNode(id) {
    const n = nodeInfo.get(id);
    if (!n) return showHint();
    current = { type: "node", id };
    const kind = kindInfo.get(n.kind);
    const dl = el("dl");
    row(dl, t("type"), n.classLabels[lang] + (n.classLabels[lang] === kind.labels[lang] ? "" : " · " + kind.labels[lang]));
    if (n.wikidata) {
      const a = el("a", null, n.wikidata);
      a.href = "https://www.wikidata.org/wiki/" + n.wikidata;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      row(dl, "Wikidata", a);
    }
    n.dates.forEach((d) => row(dl, DATE_FIELDS[lang][d.predicate] || d.predicate, d.value));
    row(dl, WORDS[lang].mention[1].replace(/^./, (c) => c.toUpperCase()),
      t("mentionsIn", { mentions: count(n.mentions.length, "mention"), articles: count(n.articleIndexes.length, "article") }));
    row(dl, "IRI", el("code", null, n.id));
    const parts = [...heading(n.labels), dl];
    if (DATA.overview && notDrawn(id)) {
      parts.push(el("p", null), button(t("showNeighbours") + " (" + t("notDrawn", { n: number(notDrawn(id)) }) + ")",
        () => { expand(id); showNode(id); }, "small"));
    }
    if (n.aliases.length) {
      const ul = el("ul", "plain");
      n.aliases.forEach((a) => {
        const li = el("li", null, a.text);
        if (a.lang) li.append(badge(a.lang));
        ul.append(li);
      });
      parts.push(el("h3", null, t("aliases")), ul);
    }
    if (n.figures.length) parts.push(...figuresSection(n.figures));
    parts.push(...relationsSection(id), ...evidenceSection(n.mentions));
    panel.replaceChildren(...parts);
    panel.scrollTop = 0;
  }

  function showEdge(id) {
    const e = edgeInfo.get(id);
    if (!e) return showHint();
    current = { type: "edge", id };
    const from = nodeInfo.get(e.from);
    const to = nodeInfo.get(e.to);
    const ends = el("p", "sub");
    ends.append(button(from.labels[lang], () => focusNode(from.id)), " → ", button(to.labels[lang], () => focusNode(to.id)));
    const dl = el("dl");
    row(dl, t("predicate"), el("code", null, e.predicate));
    panel.replaceChildren(...heading(e.labels), ends, dl, ...evidenceSection(e.evidence));
    panel.scrollTop = 0;
  }

  // ---- the article reader ------------------------------------------------
  // The article's sentences that the graph holds, at their offsets, with every
  // entity, event and figure mention marked (displaCy style); each mark selects
  // its node. Marks nest where mentions nest; text the graph lacks is a gap.
  const spansByArticle = new Map();
  function articleSpans(index) {
    if (spansByArticle.has(index)) return spansByArticle.get(index);
    const spans = [];
    DATA.nodes.forEach((n) => {
      n.mentions.forEach((m) => { if (m[0] === index) spans.push({ span: m, node: n, figure: null }); });
      n.figures.forEach((g) => g.values.forEach((f) => { if (f.span[0] === index) spans.push({ span: f.span, node: n, figure: { group: g, value: f } }); }));
    });
    spans.sort((a, b) => a.span[2] - b.span[2] || b.span[3] - a.span[3] || (a.figure ? 1 : 0) - (b.figure ? 1 : 0));
    spansByArticle.set(index, spans);
    return spans;
  }
  function markFor(item) {
    const mark = el("mark", item.figure ? "ent figure" : "ent kind-" + item.node.kind);
    mark.dataset.node = item.node.id;
    mark.dataset.start = item.span[2];
    mark.dataset.end = item.span[3];
    mark.dataset.type = item.figure ? "figure" : "mention";
    // The tag is drawn by CSS from the attribute, so the mark's text stays the article's.
    mark.dataset.label = item.figure ? item.figure.group.labels[lang] : kindInfo.get(item.node.kind).labels[lang];
    if (item.figure && item.figure.value.disputed) mark.classList.add("disputed");
    mark.title = item.node.labels[lang] + " · " + (item.figure ? formatFigure(item.figure.value) + " " + item.figure.group.labels[lang] : item.node.classLabels[lang]);
    mark.tabIndex = 0;
    mark.setAttribute("role", "button");
    const choose = (ev) => { ev.stopPropagation(); focusNode(item.node.id, { keepPanel: true }); };
    mark.addEventListener("click", choose);
    mark.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(ev); } });
    return mark;
  }
  function renderSentence(start, text, items) {
    const end = start + text.length;
    const root = { start, end, children: [] };
    const stack = [root];
    items.forEach((item) => {
      while (stack.length > 1 && stack[stack.length - 1].end <= item.span[2]) stack.pop();
      const parent = stack[stack.length - 1];
      const node = { item, start: Math.max(item.span[2], parent.start), end: Math.min(item.span[3], parent.end), children: [] };
      parent.children.push(node);
      stack.push(node);
    });
    const build = (node, into) => {
      let at = node.start;
      node.children.forEach((child) => {
        if (child.start > at) into.append(text.slice(at - start, child.start - start));
        const mark = markFor(child.item);
        build(child, mark);
        into.append(mark);
        at = Math.max(at, child.end);
      });
      if (node.end > at) into.append(text.slice(at - start, node.end - start));
    };
    const span = el("span", "sentence");
    build(root, span);
    return span;
  }
  function openArticle(index, focusSpan) {
    const a = DATA.articles[index];
    if (!a) return;
    current = { type: "article", index, focusSpan };
    const head = el("div", "reader-head");
    head.append(el("h2", "title", a.title), button("×", showHint, "close"));
    head.lastChild.title = t("close");
    head.lastChild.setAttribute("aria-label", t("close"));
    const meta = el("p", "sub");
    if (a.language) meta.append(badge(a.language));
    if (a.date) meta.append(" ", a.date);
    const legend = el("p", "legend");
    DATA.kinds.forEach((k) => { if (k.count) legend.append(el("span", "ent-key kind-" + k.id, k.labels[lang])); });
    legend.append(el("span", "ent-key figure", t("figures")));
    const text = el("div", "reader");
    text.lang = a.language;
    const byStart = new Map();
    articleSpans(index).forEach((item) => {
      const j = item.span[1];
      if (!byStart.has(j)) byStart.set(j, []);
      byStart.get(j).push(item);
    });
    let previousEnd = 0;
    a.sentences.forEach(([start, sentence], j) => {
      const gap = start - previousEnd;
      if (gap > 2) {
        const marker = el("span", "gap", t("gap"));
        marker.title = t("gapTitle", { n: number(gap) });
        text.append(marker, " ");
      } else if (gap > 0 && j > 0) text.append(" ");
      text.append(renderSentence(start, sentence, byStart.get(j) || []));
      previousEnd = start + sentence.length;
    });
    panel.replaceChildren(head, meta, el("p", "muted note", t("readerNote")), legend, text);
    panel.scrollTop = 0;
    markActive(state.selected);
    if (focusSpan) {
      const target = text.querySelector('mark[data-start="' + focusSpan[2] + '"][data-end="' + focusSpan[3] + '"]');
      if (target) { target.classList.add("focus"); target.scrollIntoView({ block: "center" }); }
    }
  }
  api.openArticle = (id) => openArticle(DATA.articles.findIndex((a) => a.id === id));
  function markActive(id) {
    panel.querySelectorAll("mark.ent.active").forEach((m) => m.classList.remove("active"));
    if (id) panel.querySelectorAll("mark.ent").forEach((m) => { if (m.dataset.node === id) m.classList.add("active"); });
  }

  function rerenderPanel() {
    if (current && current.type === "node") showNode(current.id);
    else if (current && current.type === "edge") showEdge(current.id);
    else if (current && current.type === "article") openArticle(current.index, current.focusSpan);
    else showHint();
  }

  network.on("click", (p) => {
    if (p.nodes.length) { state.selected = p.nodes[0]; showNode(p.nodes[0]); if (timeline) timeline.setSelection(timelineItems.get(p.nodes[0]) ? [p.nodes[0]] : []); }
    else if (p.edges.length) focusEdge(p.edges[0]);
    else { state.selected = null; if (!current || current.type !== "article") showHint(); else markActive(null); }
    schedulePlaceLabels();
  });
  network.on("doubleClick", (p) => {
    if (p.nodes.length && DATA.overview) expand(p.nodes[0]);
  });

  // ---- the timeline ------------------------------------------------------
  // Every dated event, placed by its date or period; selecting one selects its node.
  const utcDate = (iso) => { const [y, m, d] = iso.split("-").map(Number); const date = new Date(Date.UTC(2000, m - 1, d)); date.setUTCFullYear(y); return date; };
  function itemContent(n) {
    const span = el("span", "tl-label", n.labels[lang]);
    span.dataset.node = n.id;
    span.dataset.start = n.period.start;
    span.title = n.labels[lang] + " · " + n.period.text;
    return span;
  }
  const dated = DATA.nodes.filter((n) => n.period);
  const timelineItems = new vis.DataSet(dated.map((n) => ({
    id: n.id, start: utcDate(n.period.start), end: n.period.range ? utcDate(n.period.end) : undefined,
    type: n.period.range ? "range" : "point", className: "kind-" + n.kind, content: itemContent(n),
  })));
  let timeline = null;
  if (dated.length) {
    moment.locale(lang);
    timeline = new vis.Timeline(document.getElementById("timeline"), timelineItems, {
      locale: lang, moment: (date) => moment(date).utc(), stack: true, maxHeight: 190, minHeight: 120,
      showCurrentTime: false, zoomable: true, selectable: true, multiselect: false, verticalScroll: true,
      margin: { item: { horizontal: 4, vertical: 4 }, axis: 6 }, orientation: { axis: "top", item: "top" },
      // Thousands of events cluster until the reader zooms in.
      ...(dated.length > 150 ? { cluster: { maxItems: 3, showStipes: false, fitOnDoubleClick: true } } : {}),
    });
    timeline.on("select", (p) => { if (p.items.length && nodeInfo.has(p.items[0])) focusNode(p.items[0]); });
    // Every event in view, with room on the right for the last one's label.
    const starts = dated.map((n) => utcDate(n.period.start).getTime());
    const ends = dated.map((n) => utcDate(n.period.end).getTime());
    const first = Math.min(...starts);
    const span = Math.max(Math.max(...ends) - first, 864e5 * 30);
    timeline.setWindow(first - 0.03 * span, first + 1.25 * span, { animation: false });
  } else {
    document.getElementById("timeline-wrap").hidden = true;
  }
  api.timeline = timeline;
  api.timelineItems = timelineItems;

  // ---- language ----------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    searchBox.placeholder = t("placeholder");
    nodes.update(nodes.getIds().map((id) => ({ id, title: nodeTooltip(nodeInfo.get(id)) })));
    edges.update(edges.getIds().map((id) => ({ id, title: edgeTooltip(edgeInfo.get(id)) })));
    state.labels.clear();
    state.edgeLabels = new Set(edges.getIds());
    if (timeline) {
      moment.locale(lang);
      timeline.setOptions({ locale: lang });
      timelineItems.update(dated.map((n) => ({ id: n.id, content: itemContent(n) })));
    }
    renderKindFilter();
    renderLanguageFilter();
    renderArticleFilter();
    renderOverviewNote();
    renderCounts();
    rerenderPanel();
    placeLabels();
  }
  const langSelect = document.getElementById("lang");
  langSelect.value = lang;
  langSelect.addEventListener("change", () => {
    if (UI[langSelect.value]) {
      lang = langSelect.value;
      applyLanguage();
    }
  });

  layOut();
  applyFilters();
  applyLanguage();
})();
