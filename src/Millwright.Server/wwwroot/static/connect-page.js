// Millwright Connect page: progressive enhancement only; every step also works without this script.
(function () {
  "use strict";

  // Live filtering of the system list as the customer types.
  var search = document.getElementById("system-search");
  var list = document.getElementById("system-list");
  if (search && list) {
    var none = document.getElementById("no-match");
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      list.querySelectorAll("li.system").forEach(function (item) {
        var match = q === "" || item.getAttribute("data-search").indexOf(q) !== -1;
        item.hidden = !match;
        if (match) { shown++; }
      });
      if (none) { none.hidden = shown !== 0; }
    });
  }

  // Move focus to the explanation of a failed attempt, so keyboard and screen-reader users land on it.
  var error = document.getElementById("connect-error");
  if (error) { error.focus(); }

  // "Checking…" while the credentials are verified; the button cannot send twice.
  var form = document.querySelector("form.connect-form");
  if (form) {
    form.addEventListener("submit", function () {
      var button = document.getElementById("connect-button");
      var checking = document.getElementById("checking");
      if (button) { button.disabled = true; }
      if (checking) { checking.hidden = false; }
    });
  }

  // First-sync progress: poll the status, then continue on our own once the sync is done.
  var progress = document.getElementById("sync-progress");
  if (progress) {
    var bar = document.getElementById("sync-bar");
    var label = document.getElementById("sync-label");
    var poll = function () {
      fetch(progress.getAttribute("data-status-url"), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { return; }
          bar.max = Math.max(s.steps, 1);
          bar.value = s.step;
          label.textContent = s.label;
          if (s.finished) {
            progress.setAttribute("data-finished", "true");
            setTimeout(function () { window.location.assign(progress.getAttribute("data-finish-url")); }, 1200);
          } else {
            setTimeout(poll, 1000);
          }
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    poll();
  }

  // Inside the connect.js iframe: hand the result to the embedding page, and to that origin only.
  var complete = document.getElementById("mw-complete");
  if (complete && window.parent !== window) {
    window.parent.postMessage({
      type: "millwright:connect:success",
      connection_id: complete.getAttribute("data-connection-id"),
      code: complete.getAttribute("data-code")
    }, complete.getAttribute("data-origin"));
  }
})();
