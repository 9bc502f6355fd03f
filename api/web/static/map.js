/* /map: markers of clusters and parks on the province map, filters, click through to the entity page. */
"use strict";
(() => {
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];
  const markers = JSON.parse(document.getElementById("markers").textContent);
  const tops = [...new Set(markers.map((m) => m.tops[0] || "other"))].sort();
  const colour = (m) => PALETTE[tops.indexOf(m.tops[0] || "other") % PALETTE.length];
  const el = document.getElementById("map");
  const chart = echarts.init(el);
  const select = (id) => document.getElementById(id);

  function visible() {
    const industry = select("f-industry").value, province = select("f-province").value, kind = select("f-kind").value;
    return markers.filter((m) =>
      (!industry || m.broader.includes(industry)) &&
      (!province || m.province === province) &&
      (!kind || (kind.startsWith("park:") ? m.kind === "park" && m.park_kind === kind.slice(5) : m.kind === kind)));
  }

  function draw() {
    const shown = visible();
    select("shown").textContent = shown.length + " of " + markers.length + " shown";
    const series = tops.map((top) => ({
      name: top, type: "scatter", coordinateSystem: "geo",
      data: shown.filter((m) => (m.tops[0] || "other") === top).map((m) => ({ name: m.label, value: m.point, marker: m })),
      symbol: "circle",
      symbolSize: (value, params) => params.data.marker.size,
      itemStyle: { color: PALETTE[tops.indexOf(top) % PALETTE.length], opacity: 0.8, borderColor: "#fff", borderWidth: 1 },
      emphasis: { scale: 1.4 },
    }));
    chart.setOption({
      animation: false,
      legend: { data: tops, left: 10, top: 10, orient: "vertical", backgroundColor: "rgba(255,255,255,.8)" },
      tooltip: {
        trigger: "item",
        formatter: (p) => {
          const m = p.data.marker, esc = (s) => String(s).replace(/[&<>"]/g, (c) => "&#" + c.charCodeAt(0) + ";");
          return "<b>" + esc(m.label) + "</b><br>" + esc(m.kind + (m.park_kind ? " (" + m.park_kind + ")" : "")) +
            (m.province ? ", " + esc(m.province) : "") + "<br>" + esc(m.industries.join(", ")) +
            m.figures.map((f) => "<br>" + esc(f)).join("");
        },
      },
      geo: TKG.geoOption({ center: [106, 34.5], zoom: 1.35 }),
      series,
    }, { replaceMerge: ["series"] });
    el.dataset.shown = String(shown.length);
  }

  chart.on("click", (p) => {
    if (p.data && p.data.marker) window.location.href = p.data.marker.href;
  });
  ["f-industry", "f-province", "f-kind"].forEach((id) => select(id).addEventListener("change", draw));
  window.addEventListener("resize", () => chart.resize());
  TKG.loadChina().then(() => { draw(); el.dataset.ready = "1"; });
  window.tkgMap = chart;
})();
