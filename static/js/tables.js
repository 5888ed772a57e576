/* Sort and search tables in place. Without JavaScript the header links and the search form do it on the server. */
(function () {
  "use strict";
  function cellValue(row, index, kind) {
    var cell = row.children[index];
    var raw = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
    if (kind === "num") { return raw === "" ? null : parseFloat(raw); }
    return raw.toLowerCase();
  }
  function sortBy(table, th, link) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var kind = link.dataset.sort;
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    if (th.getAttribute("aria-sort") === "none" || !th.hasAttribute("aria-sort")) dir = kind === "num" ? "descending" : "ascending";
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, kind), y = cellValue(b, index, kind);
      if (x === null && y === null) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      var c = x < y ? -1 : x > y ? 1 : 0;
      return dir === "ascending" ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th a[data-sort]").forEach(function (link) {
      link.setAttribute("role", "button");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        sortBy(table, link.closest("th"), link);
      });
    });
  });
  document.querySelectorAll("input[data-filter-table]").forEach(function (input) {
    var table = document.getElementById(input.dataset.filterTable);
    if (!table) return;
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });
})();
