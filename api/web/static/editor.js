/* /sparql for browsers: YASGUI against this server, the project's prefixes, named queries as examples,
   and a "Map" result view for WKT points. Nothing is fetched from other hosts. */
"use strict";
(() => {
  const config = JSON.parse(document.getElementById("sparql-config").textContent);
  const WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";

  function points(yasr) {
    const results = yasr.results;
    if (!results || !results.getBindings) return [];
    const out = [];
    for (const row of results.getBindings() || []) {
      for (const [name, term] of Object.entries(row)) {
        if (!term || term.type !== "literal") continue;
        const match = /^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i.exec(term.value);
        if (match && (term.datatype === WKT || name.toLowerCase().includes("wkt"))) {
          const label = Object.entries(row).filter(([n, t]) => n !== name && t && t.type === "literal").map(([, t]) => t.value)[0];
          const iri = Object.values(row).find((t) => t && t.type === "uri");
          out.push({ name: label || (iri && iri.value) || "", value: [Number(match[1]), Number(match[2])], iri: iri && iri.value });
        }
      }
    }
    return out;
  }

  class WktMap {
    constructor(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Map"; }
    canHandleResults() { return points(this.yasr).length > 0; }
    getIcon() { const i = document.createElement("span"); i.textContent = "◉"; return i; }
    draw() {
      const el = document.createElement("div");
      el.className = "wkt-map"; el.style.height = "480px";
      this.yasr.resultsEl.appendChild(el);
      const chart = echarts.init(el);
      const data = points(this.yasr);
      return TKG.loadChina().then(() => {
        chart.setOption({
          animation: false,
          tooltip: { trigger: "item", formatter: (p) => String(p.name).replace(/[&<>"]/g, (c) => "&#" + c.charCodeAt(0) + ";") },
          geo: TKG.geoOption({ center: [104, 35.5], zoom: 1.1 }),
          series: [{ type: "scatter", coordinateSystem: "geo", data, symbolSize: 9, itemStyle: { color: "#d64545" } }],
        });
        chart.on("click", (p) => {
          const iri = p.data && p.data.iri;
          const at = iri ? iri.indexOf("/id/") : -1;
          if (at >= 0) window.location.href = iri.slice(at);
        });
        el.dataset.points = String(data.length);
      });
    }
  }

  // no completers that ask Linked Open Vocabularies (an internet service): prefixes and variables only
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasr.registerPlugin("wktmap", WktMap);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: config.endpoint }], keys: [] },
    persistenceId: null,
    yasqe: { value: config.starter },
    yasr: { prefixes: config.prefixes, defaultPlugin: "table" },
  });
  const tab = yasgui.getTab();
  tab.setQuery(config.starter);

  document.querySelectorAll("[data-example]").forEach((button) => {
    button.addEventListener("click", () => {
      const found = config.examples.find((e) => e.name === button.dataset.example);
      if (found) yasgui.getTab().setQuery(found.text);
    });
  });
  window.tkgYasgui = yasgui;
})();
