/* beslan-kg viewer. All graph text is untrusted: the DOM is built with
   createElement/textContent only, never innerHTML. */
(() => {
  "use strict";

  const DATA = JSON.parse(document.getElementById("kg-data").textContent);

  const UI = {
    en: {
      language: "Language", search: "Search", types: "Types", articles: "Articles", all: "All", none: "None",
      languages: "Article languages", timeline: "Timeline",
      large: "Showing the most-connected entities; double-click a node to show its neighbours.", showAll: "Show all",
      hint: "Click a node or a relation to see its type, aliases and the sentences it comes from.",
      entities: "entities", relations: "relations", shown: "shown", layout: "Laying out the graph…",
      type: "Type", date: "Date", mentions: "Mentions", inArticles: "articles", aliases: "Aliases",
      figures: "Figures", evidence: "Evidence", noEvidence: "No evidence sentences.", predicate: "Predicate",
      disagree: "sources disagree", notFound: "No entity matches.", hiddenByFilter: "Hidden by the current filters.",
      placeholder: "Name or alias…",
    },
    es: {
      language: "Idioma", search: "Buscar", types: "Tipos", articles: "Artículos", all: "Todos", none: "Ninguno",
      languages: "Idiomas de los artículos", timeline: "Cronología",
      large: "Se muestran las entidades más conectadas; doble clic en un nodo muestra sus vecinos.", showAll: "Mostrar todo",
      hint: "Haga clic en un nodo o una relación para ver su tipo, sus alias y las frases de las que procede.",
      entities: "entidades", relations: "relaciones", shown: "visibles", layout: "Calculando la disposición…",
      type: "Tipo", date: "Fecha", mentions: "Menciones", inArticles: "artículos", aliases: "Alias",
      figures: "Cifras", evidence: "Evidencia", noEvidence: "Sin frases de evidencia.", predicate: "Predicado",
      disagree: "las fuentes discrepan", notFound: "Ninguna entidad coincide.",
      hiddenByFilter: "Oculto por los filtros actuales.", placeholder: "Nombre o alias…",
    },
  };
  const QUALIFIER = {
    en: { exact: "{v}", more_than: "more than {v}", at_least: "at least {v}", approximately: "about {v}",
      fewer_than: "fewer than {v}", at_most: "at most {v}", range: "between {v} and {u}" },
    es: { exact: "{v}", more_than: "más de {v}", at_least: "al menos {v}", approximately: "unos {v}",
      fewer_than: "menos de {v}", at_most: "como máximo {v}", range: "entre {v} y {u}" },
  };

  let lang = DATA.language;
  const t = (key) => UI[lang][key];
  const byId = (list) => new Map(list.map((x) => [x.id, x]));
  const nodeInfo = byId(DATA.nodes);
  const edgeInfo = byId(DATA.edges);
  const articleInfo = byId(DATA.articles);
  const kindInfo = byId(DATA.kinds);

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
  function linkButton(text, onClick) {
    const b = el("button", "link", text);
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
  function articleLine(id) {
    const a = articleInfo.get(id) || { title: id, language: "", date: null };
    const span = el("span", null, a.title || id);
    if (a.language) span.append(badge(a.language));
    if (a.date) span.append(" ", el("span", "muted", a.date));
    return span;
  }

  // ---- network -----------------------------------------------------------
  const nodes = new vis.DataSet(DATA.vis.nodes);
  const edges = new vis.DataSet(DATA.vis.edges);
  const network = new vis.Network(document.getElementById("graph"), { nodes, edges }, DATA.vis.options);
  const progress = document.getElementById("progress");
  if (DATA.nodes.length) progress.textContent = t("layout"); // an empty graph never stabilises
  network.on("stabilizationProgress", (p) => {
    progress.textContent = t("layout") + " " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  // A handle for scripted checks (the browser tests) and for curious readers' consoles.
  window.beslanKG = { network, nodes, edges, settled: false };
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: false });
    progress.textContent = "";
    window.beslanKG.settled = true;
  });

  // Tooltips are DOM elements built with textContent (a string title would be parsed as HTML).
  function tooltip(lines) {
    const box = el("div");
    lines.filter(Boolean).forEach((line, i) => box.append(el(i ? "div" : "strong", null, line)));
    return box;
  }
  function relabel() {
    nodes.update(DATA.nodes.map((n) => ({
      id: n.id, label: n.labels[lang], title: tooltip([n.labels[lang], n.classLabels[lang], n.date]),
    })));
    edges.update(DATA.edges.map((e) => ({ id: e.id, label: e.labels[lang] })));
  }

  // ---- filters -----------------------------------------------------------
  const kindOn = new Set(DATA.kinds.map((k) => k.id));
  const articleOn = new Set(DATA.articles.map((a) => a.id));
  const articleLanguage = new Map(DATA.articles.map((a) => [a.id, a.language]));
  const languageOn = new Set(DATA.articles.map((a) => a.language));
  let shown = { nodes: DATA.nodes.length, edges: DATA.edges.length };

  // A large graph opens on its most-connected nodes; double-clicking reveals neighbours.
  let revealed = DATA.large ? new Set(DATA.large.initial) : null;
  // An article counts when it is checked and so is its language.
  const articleShown = (a) => articleOn.has(a) && languageOn.has(articleLanguage.get(a));
  const inCheckedArticle = (ids) => ids.length === 0 || ids.some(articleShown);
  function applyFilters() {
    const visible = new Set(DATA.nodes.filter(
      (n) => kindOn.has(n.kind) && inCheckedArticle(n.articles) && (!revealed || revealed.has(n.id)),
    ).map((n) => n.id));
    let edgeCount = 0;
    nodes.update(DATA.nodes.map((n) => ({ id: n.id, hidden: !visible.has(n.id) })));
    edges.update(DATA.edges.map((e) => {
      const ok = visible.has(e.from) && visible.has(e.to) && inCheckedArticle(e.articles);
      if (ok) edgeCount += 1;
      return { id: e.id, hidden: !ok };
    }));
    shown = { nodes: visible.size, edges: edgeCount };
    renderCounts();
  }
  function checkbox(checked, onChange) {
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    return box;
  }
  function renderKindFilter() {
    const list = document.getElementById("kind-filter");
    list.replaceChildren(...DATA.kinds.map((k) => {
      const count = DATA.nodes.filter((n) => n.kind === k.id).length;
      const swatch = el("span", "swatch shape-" + k.shape);
      swatch.style.background = k.color;
      const label = el("label");
      label.append(
        checkbox(kindOn.has(k.id), (on) => { on ? kindOn.add(k.id) : kindOn.delete(k.id); applyFilters(); }),
        swatch, el("span", "grow", k.labels[lang]), el("span", "count", count),
      );
      const li = el("li");
      li.append(label);
      return li;
    }));
  }
  function renderArticleFilter() {
    const list = document.getElementById("article-filter");
    list.replaceChildren(...DATA.articles.map((a) => {
      const label = el("label");
      const text = articleLine(a.id);
      text.className = "grow";
      label.append(checkbox(articleOn.has(a.id), (on) => { on ? articleOn.add(a.id) : articleOn.delete(a.id); applyFilters(); }), text);
      const li = el("li");
      li.append(label);
      return li;
    }));
  }
  function renderLanguageFilter() {
    const list = document.getElementById("language-filter");
    const languages = [...new Set(DATA.articles.map((a) => a.language))].sort();
    list.replaceChildren(...languages.map((code) => {
      const count = DATA.articles.filter((a) => a.language === code).length;
      const label = el("label");
      label.append(
        checkbox(languageOn.has(code), (on) => { on ? languageOn.add(code) : languageOn.delete(code); applyFilters(); }),
        el("span", "grow", code.toUpperCase()), el("span", "count", count),
      );
      label.dataset.language = code;
      const li = el("li");
      li.append(label);
      return li;
    }));
  }
  function setAllArticles(on) {
    DATA.articles.forEach((a) => (on ? articleOn.add(a.id) : articleOn.delete(a.id)));
    renderArticleFilter();
    applyFilters();
  }
  document.getElementById("articles-all").addEventListener("click", () => setAllArticles(true));
  document.getElementById("articles-none").addEventListener("click", () => setAllArticles(false));

  function renderCounts() {
    const part = (n, total, word) => (n === total ? total : n + " / " + total) + " " + t(word);
    const langs = {};
    DATA.articles.forEach((a) => { langs[a.language] = (langs[a.language] || 0) + 1; });
    const byLang = Object.keys(langs).sort().map((l) => l.toUpperCase() + " " + langs[l]).join(", ");
    document.getElementById("counts").textContent = [
      part(shown.nodes, DATA.nodes.length, "entities"),
      part(shown.edges, DATA.edges.length, "relations"),
      DATA.articles.length + " " + t("articles").toLowerCase() + (byLang ? " (" + byLang + ")" : ""),
    ].join(" · ");
  }

  // ---- search ------------------------------------------------------------
  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const searchIndex = [];
  DATA.nodes.forEach((n) => {
    const names = new Set([n.labels.en, n.labels.es, ...n.aliases.map((a) => a.text)]);
    names.forEach((name) => searchIndex.push({ key: fold(name), name, id: n.id }));
  });
  const datalist = document.getElementById("search-list");
  datalist.replaceChildren(...[...new Set(searchIndex.map((s) => s.name))].sort().map((name) => {
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
    if (nodes.get(id).hidden) searchMsg.textContent = t("hiddenByFilter");
    focusNode(id);
  }
  // Picking a suggestion (an exact name) focuses at once; Enter also accepts a prefix or substring.
  searchBox.addEventListener("input", () => {
    const q = fold(searchBox.value);
    if (q && searchIndex.some((s) => s.key === q)) runSearch();
  });
  searchBox.addEventListener("keydown", (ev) => { if (ev.key === "Enter") runSearch(); });

  // ---- timeline ----------------------------------------------------------
  // The dated events in order; a click focuses the event in the graph.
  function renderTimeline() {
    const list = document.getElementById("timeline");
    const dated = DATA.nodes.filter((n) => n.date).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    list.replaceChildren(...dated.map((n) => {
      const button = el("button", "timeline-item");
      button.type = "button";
      button.dataset.node = n.id;
      button.append(el("span", "timeline-date", n.date), el("span", "timeline-label", n.labels[lang]));
      button.addEventListener("click", () => focusNode(n.id));
      const li = el("li");
      li.append(button);
      return li;
    }));
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  function focusEdge(id) {
    network.selectEdges([id]);
    showEdge(id);
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
  function evidenceSection(items) {
    const section = [el("h3", null, t("evidence") + " (" + items.length + ")")];
    if (!items.length) section.push(el("p", "muted", t("noEvidence")));
    let lastArticle = null;
    items.forEach((ev) => {
      if (ev.article !== lastArticle) {
        const h = el("h4");
        h.append(articleLine(ev.article));
        section.push(h);
        lastArticle = ev.article;
      }
      const quote = el("blockquote", "evidence");
      quote.append(ev.before);
      if (ev.mention) quote.append(el("mark", null, ev.mention));
      quote.append(ev.after);
      section.push(quote);
    });
    return section;
  }
  function formatFigure(f) {
    const number = (x) => (typeof x === "number" ? x.toLocaleString(lang) : "?");
    const pattern = QUALIFIER[lang][f.qualifier] || f.qualifier.replace(/_/g, " ") + " {v}";
    return pattern.replace("{v}", number(f.value)).replace("{u}", number(f.upper));
  }
  function figuresSection(groups) {
    const section = [el("h3", null, t("figures"))];
    groups.forEach((g) => {
      const h = el("h4", null, g.labels[lang]);
      if (g.disagree) h.append(badge(t("disagree"), "warn"));
      const table = el("table", "figures");
      g.values.forEach((f) => {
        const tr = el("tr");
        const source = el("td");
        source.append(articleLine(f.article));
        if (f.sentence) source.append(el("q", null, f.sentence));
        tr.append(el("td", "value", formatFigure(f)), source);
        table.append(tr);
      });
      section.push(h, table);
    });
    return section;
  }
  function relationsSection(id) {
    const items = DATA.edges.filter((e) => e.from === id || e.to === id).map((e) => {
      const li = el("li");
      const outgoing = e.from === id;
      const other = nodeInfo.get(outgoing ? e.to : e.from);
      li.append(
        linkButton((outgoing ? "→ " : "← ") + e.labels[lang], () => focusEdge(e.id)), " ",
        linkButton(other.labels[lang], () => focusNode(other.id)),
      );
      return li;
    });
    if (!items.length) return [];
    const ul = el("ul", "plain");
    ul.append(...items);
    return [el("h3", null, t("relations") + " (" + items.length + ")"), ul];
  }

  function showNode(id) {
    const n = nodeInfo.get(id);
    if (!n) return showHint();
    current = { type: "node", id };
    const kind = kindInfo.get(n.kind);
    const dl = el("dl");
    row(dl, t("type"), n.classLabels[lang] + (n.classLabels[lang] === kind.labels[lang] ? "" : " · " + kind.labels[lang]));
    if (n.wikidata && /^Q[0-9]+$/.test(n.wikidata)) {
      const a = el("a", null, n.wikidata);
      a.href = "https://www.wikidata.org/wiki/" + n.wikidata;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      row(dl, "Wikidata", a);
    }
    if (n.date) row(dl, t("date"), n.date);
    row(dl, t("mentions"), n.mentions + " · " + n.articles.length + " " + t("inArticles"));
    row(dl, "IRI", el("code", null, n.id));
    const parts = [...heading(n.labels), dl];
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
    parts.push(...relationsSection(id), ...evidenceSection(n.evidence));
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
    ends.append(linkButton(from.labels[lang], () => focusNode(from.id)), " → ", linkButton(to.labels[lang], () => focusNode(to.id)));
    const dl = el("dl");
    row(dl, t("predicate"), el("code", null, e.predicate));
    panel.replaceChildren(...heading(e.labels), ends, dl, ...evidenceSection(e.evidence));
    panel.scrollTop = 0;
  }

  function rerenderPanel() {
    if (current && current.type === "node") showNode(current.id);
    else if (current && current.type === "edge") showEdge(current.id);
    else showHint();
  }

  network.on("doubleClick", (p) => {
    if (!revealed || !p.nodes.length) return;
    network.getConnectedNodes(p.nodes[0]).forEach((id) => revealed.add(id));
    applyFilters();
  });
  function renderLargeNote() {
    const note = document.getElementById("large-note");
    if (!revealed) { note.replaceChildren(); return; }
    const button = el("button", null, t("showAll"));
    button.type = "button";
    button.id = "show-all";
    button.addEventListener("click", () => { revealed = null; renderLargeNote(); applyFilters(); });
    note.replaceChildren(el("span", null, t("large") + " "), button);
  }
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else showHint();
  });

  // ---- language ----------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    searchBox.placeholder = t("placeholder");
    relabel();
    renderKindFilter();
    renderLanguageFilter();
    renderArticleFilter();
    renderTimeline();
    renderLargeNote();
    renderCounts();
    rerenderPanel();
  }
  const langSelect = document.getElementById("lang");
  langSelect.value = lang;
  langSelect.addEventListener("change", () => {
    if (UI[langSelect.value]) {
      lang = langSelect.value;
      applyLanguage();
    }
  });

  applyLanguage();
  if (revealed) applyFilters();
})();
