/*
 * The fact-check site's only script: the claim filter (by verdict and by word) and the
 * highlighting of the passage (cited, or shared with another source) a deep link lands on,
 * and labels for the cells of wide tables, so they reflow on a phone. Pages work without it: the filter's
 * controls stay hidden and every claim stays listed.
 */
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function setUpFilter(root) {
    var controls = root.querySelector(".fc-filter");
    var buttons = Array.prototype.slice.call(root.querySelectorAll(".fc-filter__button"));
    var search = root.querySelector(".fc-filter__search");
    var status = root.querySelector(".fc-filter__status");
    var none = root.querySelector(".fc-claims__none");
    var items = Array.prototype.slice.call(root.querySelectorAll(".fc-claim-item"));
    var verdict = "";

    var wanted = new URLSearchParams(window.location.search).get("verdict") || "";
    if (buttons.some(function (b) { return b.dataset.verdict === wanted; })) {
      verdict = wanted;
    }

    function apply() {
      var terms = words(search.value);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.textContent.toLowerCase();
        var ok = (!verdict || item.dataset.verdict === verdict) &&
          terms.every(function (t) { return text.indexOf(t) !== -1; });
        item.hidden = !ok;
        if (ok) { shown += 1; }
      });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.dataset.verdict === verdict));
      });
      none.hidden = shown !== 0;
      status.textContent = "Showing " + shown + " of " + items.length + " claims";
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        verdict = button.dataset.verdict;
        var url = new URL(window.location.href);
        if (verdict) { url.searchParams.set("verdict", verdict); }
        else { url.searchParams.delete("verdict"); }
        window.history.replaceState(null, "", url);
        apply();
      });
    });
    search.addEventListener("input", apply);
    controls.hidden = false;
    apply();
  }

  var current = [];

  function showPassage() {
    current.forEach(function (el) { el.classList.remove("fc-passage--current"); });
    current = [];
    var id = decodeURIComponent(window.location.hash.slice(1));
    var selector;
    if (/^ex-\d+-\d+$/.test(id)) {
      selector = 'mark.fc-passage[data-spans~="' + id + '"]';
    } else if (/^shared-[a-z0-9-]+$/.test(id)) {
      // A run of words shared with another source, reached from that source's page.
      selector = '.fc-shared[data-shared~="' + id + '"]';
    } else {
      return;
    }
    current = Array.prototype.slice.call(document.querySelectorAll(selector));
    current.forEach(function (el) { el.classList.add("fc-passage--current"); });
  }

  // On a phone a table of three columns or more no longer fits: each row becomes a small
  // card, each cell labelled with its column's heading (see factcheck.css). Tables the
  // plugin writes carry their labels already; hand-written ones get them here.
  function labelTable(table) {
    if (table.hasAttribute("data-fc-reflow")) { return; }
    var heads = Array.prototype.map.call(
      table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); }
    );
    if (heads.length < 3) { return; }
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i]) { cell.setAttribute("data-label", heads[i]); }
      });
    });
    table.setAttribute("data-fc-reflow", "");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-fc-claims]"), setUpFilter);
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table"), labelTable);
    showPassage();
    window.addEventListener("hashchange", showPassage);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
