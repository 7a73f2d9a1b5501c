// The query page of `beslan-kg serve`: YASGUI on this server's endpoint, offline.
// Settings come from the page (#beslan-kg-config, made by beslan_kg.query_page).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("beslan-kg-config").textContent);
  var here = window.location.href;
  var endpoint = new URL(config.endpoint, here).href;
  var Yasqe = Yasgui.Yasqe;

  // Nothing leaves this server. YASGUI would look up class and property names
  // at Linked Open Vocabularies as one types: only the variables and prefixes
  // completers stay, and prefixes come from this server, not prefix.cc. The
  // arrays are changed in place: YASGUI merges its settings index by index.
  [Yasqe.defaults, Yasgui.defaults.yasqe].forEach(function (defaults) {
    defaults.autocompleters.splice(0, defaults.autocompleters.length, "variables", "prefixes");
    defaults.prefixCcApi = new URL(config.prefixes, here).href;
  });
  var only = function () { return [{ endpoint: endpoint }]; };

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: only, keys: [] },
    corsProxy: undefined,
    copyEndpointOnNewTab: true,
    autoAddOnInit: false,
    persistenceId: "beslan-kg-" + config.pack,
    yasqe: { value: config.prefixBlock + "\nSELECT * WHERE {\n  ?s ?p ?o\n}\nLIMIT 10\n" },
  });

  // The first visit (or a changed pack): one tab a query of the pack, the first one open.
  if (!yasgui.persistentConfig.getTabs().length) {
    config.tabs.forEach(function (tab, index) {
      yasgui.addTab(index === 0, { name: tab.name, yasqe: { value: tab.query }, requestConfig: { endpoint: endpoint } });
    });
    if (!config.tabs.length) yasgui.addTab(true);
  }
  // A pack tab's tooltip is the question its query answers.
  var questions = {};
  config.tabs.forEach(function (tab) { questions[tab.name] = tab.question; });
  var titleTabs = function () {
    document.querySelectorAll(".tabsList .tab a[role=tab]").forEach(function (link) {
      var name = link.querySelector("span");
      if (name && Object.prototype.hasOwnProperty.call(questions, name.textContent)) link.title = questions[name.textContent];
    });
  };
  titleTabs();
  yasgui.on("tabAdd", function () { window.setTimeout(titleTabs); });
  window.beslanKG = { yasgui: yasgui, endpoint: endpoint };
})();
