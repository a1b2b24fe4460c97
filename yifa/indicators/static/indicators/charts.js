// 依法 indicators: draws the charts of the dashboard with the vendored ECharts. Each chart's data sits in a
// <script type="application/json"> beside it, and the same figures are in the table under it, so the page
// works (and reads) without this file. Clicking a bar or point opens the records behind it.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var BRAND = "#1f4e8c";

  function fmt(value, unit) {
    if (value === null || value === undefined) { return "无数据"; }
    return String(value) + (unit === "%" ? "%" : "");
  }

  function option(data, narrow) {
    var isRate = data.unit === "%";
    var category = {
      type: "category", data: data.labels, inverse: !!data.horizontal,
      axisLabel: { color: "#1d2733", width: data.horizontal ? 96 : undefined, overflow: "truncate",
                   interval: data.horizontal || !narrow ? 0 : "auto" },
      axisTick: { alignWithLabel: true }
    };
    var value = {
      type: "value", min: 0, max: isRate ? 100 : null, minInterval: isRate ? 0 : 1,
      axisLabel: { color: "#5b6876", formatter: isRate ? "{value}%" : "{value}" }
    };
    return {
      aria: { enabled: true },
      animation: false,
      color: [BRAND],
      grid: { left: 8, right: 36, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis", axisPointer: { type: data.type === "line" ? "line" : "shadow" },
        valueFormatter: function (v) { return fmt(v, data.unit); }
      },
      xAxis: data.horizontal ? value : category,
      yAxis: data.horizontal ? category : value,
      series: [{
        name: data.name, type: data.type, data: data.values, connectNulls: false, barMaxWidth: 28,
        symbolSize: 8, cursor: "pointer",
        label: {
          show: data.horizontal || !narrow, position: data.horizontal ? "right" : "top", color: "#1d2733",
          formatter: function (p) { return p.value === null || p.value === undefined ? "" : fmt(p.value, data.unit); }
        }
      }]
    };
  }

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    if (data.horizontal) { el.style.height = Math.max(160, data.labels.length * 36 + 48) + "px"; }
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    var narrow = el.clientWidth < 600;
    chart.setOption(option(data, narrow));
    chart.on("click", function (p) {
      var url = data.links[p.dataIndex];
      if (url) { window.location.href = url; }
    });
    window.addEventListener("resize", function () {
      var now = el.clientWidth < 600;
      if (now !== narrow) { narrow = now; chart.setOption(option(data, narrow)); }
      chart.resize();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  });
}());
