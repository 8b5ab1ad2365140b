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
    var loaded = false;

    var wanted = new URLSearchParams(window.location.search).get("verdict") || "";
    if (buttons.some(function (b) { return b.dataset.verdict === wanted; })) {
      verdict = wanted;
    }

    // A paginated listing filters every claim: the first use fetches the other pages.
    function filter() {
      if (loaded) { apply(); return; }
      loaded = true;
      loadPages(root, function () {
        items = Array.prototype.slice.call(root.querySelectorAll(".fc-claim-item"));
        var all = root.querySelector('.fc-filter__button[data-verdict=""] .fc-count');
        if (all) { all.textContent = String(items.length); }
        apply();
      });
      apply();
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
        filter();
      });
    });
    search.addEventListener("input", filter);
    controls.hidden = false;
    if (verdict) { filter(); } else { apply(); }
  }

  // The items of every page of a paginated listing, in order, in this page's list; links
  // made absolute, since each page's are relative to itself. Without the pages (a fetch
  // fails, a file:// preview) the filter keeps to this page and the pager stays.
  function loadPages(root, done) {
    var pager = document.querySelector(".fc-pager[data-fc-pages]");
    var list = root.querySelector(".fc-claim-list");
    if (!pager || !list || !window.fetch || !window.DOMParser) { return; }
    var here = pager.dataset.fcPage;
    var urls = pager.dataset.fcPages.split(" ").map(function (href) {
      return new URL(href, window.location.href).href;
    });
    Promise.all(urls.map(function (url, i) {
      if (String(i + 1) === here) { return Promise.resolve(null); }
      return fetch(url).then(function (response) {
        if (!response.ok) { throw new Error(url); }
        return response.text();
      }).then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var found = Array.prototype.slice.call(doc.querySelectorAll(".fc-claim-list > .fc-claim-item"));
        found.forEach(function (item) {
          Array.prototype.forEach.call(item.querySelectorAll("a[href]"), function (a) {
            a.setAttribute("href", new URL(a.getAttribute("href"), url).href);
          });
        });
        return found;
      });
    })).then(function (pages) {
      var mine = Array.prototype.slice.call(list.children);
      var all = document.createDocumentFragment();
      pages.forEach(function (found) {
        (found || mine).forEach(function (item) { all.appendChild(document.importNode(item, true)); });
      });
      list.textContent = "";
      list.appendChild(all);
      pager.hidden = true;
      done();
    }).catch(function () { /* the pager still reaches every claim */ });
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
