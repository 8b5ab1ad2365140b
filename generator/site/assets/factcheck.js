/*
 * The fact-check site's only script: the claim filter (by verdict and by word) and the
 * highlighting of the passage a deep link lands on. Pages work without it: the filter's
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
    if (!/^ex-\d+-\d+$/.test(id)) { return; }
    current = Array.prototype.slice.call(
      document.querySelectorAll('mark.fc-passage[data-spans~="' + id + '"]')
    );
    current.forEach(function (el) { el.classList.add("fc-passage--current"); });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-fc-claims]"), setUpFilter);
    showPassage();
    window.addEventListener("hashchange", showPassage);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
