/* Render every server-built Plotly figure on the page; PNG export stays on in the modebar. */
(function () {
  "use strict";
  function render(el) {
    var node = document.getElementById(el.dataset.figure);
    if (!node || !window.Plotly) return;
    var fig = JSON.parse(node.textContent);
    var config = {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["lasso2d", "select2d"],
      toImageButtonOptions: { format: "png", filename: el.dataset.filename || "chart", scale: 2, width: 1100, height: fig.layout.height || 450 }
    };
    // Maps read their geometry from the project's static files, never from plotly's CDN.
    if (el.dataset.topojson) config.topojsonURL = el.dataset.topojson;
    if (window.matchMedia && window.matchMedia("(max-width: 640px)").matches) {
      // Phones: the card's heading (shown by CSS) replaces the long in-chart title, which would be clipped.
      fig.layout.title = { text: "" };
      fig.layout.margin = Object.assign({}, fig.layout.margin, { l: 45, r: 8, t: 30 });
      fig.layout.legend = Object.assign({}, fig.layout.legend, { font: { size: 10 } });
      if (fig.layout.yaxis && fig.layout.yaxis.title) fig.layout.yaxis.title.font = { size: 11 };
      if (el.dataset.topojson) {
        // A phone-wide map: the colour bar goes under the map instead of taking a third of its width.
        fig.layout.height = 340;
        fig.layout.margin = { l: 0, r: 0, t: 30, b: 10 };
        fig.data.forEach(function (trace) {
          if (trace.colorbar) {
            Object.assign(trace.colorbar, { orientation: "h", x: 0.5, xanchor: "center", y: -0.02, yanchor: "top", len: 0.9, thickness: 10 });
            trace.colorbar.title = { text: "Women (%)", side: "top" };
          }
        });
      }
    }
    window.Plotly.newPlot(el, fig.data, fig.layout, config).then(function () {
      el.classList.add("rendered");
      if (el.dataset.topojson) {
        // A map's countries open their page; the URL is the third customdata value.
        el.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          if (point && point.customdata && point.customdata[2]) window.location.href = point.customdata[2];
        });
      }
    });
  }
  function start() {
    // One chart per task: the first one is painted before the others are built, instead of after all of them.
    var queue = Array.prototype.slice.call(document.querySelectorAll(".chart[data-figure]"));
    (function next() {
      if (!queue.length) return;
      render(queue.shift());
      if (queue.length) window.setTimeout(next, 0);
    })();
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll(".chart.rendered").forEach(function (el) { window.Plotly.Plots.resize(el); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
