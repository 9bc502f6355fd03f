/* textile-kg web pages: the China map (province boundaries from /static/web/geo), mini maps and charts.
   Everything it loads comes from this server. */
"use strict";

const TKG = (() => {
  let chinaPromise = null;

  function loadChina() {
    if (!chinaPromise) {
      chinaPromise = fetch("/static/web/geo/china-provinces.json")
        .then((r) => r.json())
        .then((geo) => { echarts.registerMap("china", geo); return geo; });
    }
    return chinaPromise;
  }

  function geoOption(extra) {
    return Object.assign({
      map: "china",
      roam: true,
      aspectScale: 0.8,
      itemStyle: { areaColor: "#eef2f6", borderColor: "#9fb3c8", borderWidth: 0.6 },
      emphasis: { itemStyle: { areaColor: "#dce7f2" }, label: { show: false } },
      label: { show: false },
      tooltip: { show: false },
    }, extra || {});
  }

  function miniMap(el) {
    const point = JSON.parse(el.dataset.point);
    const chart = echarts.init(el);
    loadChina().then(() => {
      chart.setOption({
        animation: false,
        geo: geoOption({ center: point, zoom: 4, roam: true }),
        series: [{
          type: "scatter", coordinateSystem: "geo", data: [{ name: el.dataset.label, value: point }],
          symbolSize: 12, itemStyle: { color: "#d64545", borderColor: "#fff", borderWidth: 1.5 },
          label: { show: true, formatter: "{b}", position: "right", fontSize: 11 },
        }],
      });
      el.dataset.ready = "1";
    });
  }

  function figureChart(el) {
    const spec = JSON.parse(el.dataset.chart);
    const chart = echarts.init(el);
    chart.setOption({
      title: { text: spec.measure + (spec.unit ? " (" + spec.unit + ")" : ""), textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis" },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: spec.points.map((p) => String(p[0])) },
      yAxis: { type: "value", axisLabel: { formatter: (v) => (v >= 1e9 ? v / 1e9 + " bn" : v >= 1e6 ? v / 1e6 + " m" : v) } },
      series: [{ type: "line", data: spec.points.map((p) => p[1]), symbolSize: 8 }],
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (typeof echarts === "undefined") return;
    document.querySelectorAll("#minimap").forEach(miniMap);
    document.querySelectorAll("[data-chart]").forEach(figureChart);
  });

  return { loadChina, geoOption };
})();
