// Millwright Connect embed: <script src="https://<millwright>/connect.js"></script>, then
//   MillwrightConnect.open({ url: "<link session url>", onSuccess: function (r) { r.connection_id; r.code; }, onClose: function () {} });
// Opens the Connect page in a modal iframe. Results are accepted only from Millwright's own origin (the
// origin this script was loaded from) and only from the iframe it opened.
(function () {
  "use strict";
  var script = document.currentScript;
  var millwrightOrigin = new URL(script.src, window.location.href).origin;

  function open(options) {
    if (!options || !options.url) { throw new Error("MillwrightConnect.open needs { url }"); }
    var url = new URL(options.url, millwrightOrigin);
    if (url.origin !== millwrightOrigin) { throw new Error("The Connect URL must be on " + millwrightOrigin); }
    url.searchParams.set("embed", window.location.origin);

    var previousFocus = document.activeElement;
    var overlay = document.createElement("div");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Connect your system");
    overlay.id = "millwright-connect";
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(15,23,42,.6);display:flex;align-items:center;justify-content:center";
    var frame = document.createElement("iframe");
    frame.title = "Connect your system";
    frame.src = url.toString();
    frame.style.cssText = "width:min(560px,100vw);height:min(760px,100vh);border:0;border-radius:12px;background:#fff";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.setAttribute("aria-label", "Close the Connect window");
    close.style.cssText = "position:absolute;top:12px;right:12px;font:16px system-ui,sans-serif;padding:8px 14px;border-radius:8px;border:0;background:#fff;color:#0f172a;cursor:pointer";
    overlay.appendChild(frame);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
    frame.focus();

    function dismiss() {
      window.removeEventListener("message", onMessage);
      document.removeEventListener("keydown", onKey);
      if (overlay.parentNode) { overlay.parentNode.removeChild(overlay); }
      if (previousFocus && previousFocus.focus) { previousFocus.focus(); }
    }
    function onMessage(event) {
      if (event.origin !== millwrightOrigin || event.source !== frame.contentWindow) { return; }
      var data = event.data || {};
      if (data.type === "millwright:connect:success") {
        dismiss();
        if (options.onSuccess) { options.onSuccess({ connection_id: data.connection_id, code: data.code }); }
      }
    }
    function onKey(event) {
      if (event.key === "Escape") { dismiss(); if (options.onClose) { options.onClose(); } }
    }
    close.addEventListener("click", function () { dismiss(); if (options.onClose) { options.onClose(); } });
    window.addEventListener("message", onMessage);
    document.addEventListener("keydown", onKey);
    return { close: dismiss };
  }

  window.MillwrightConnect = { open: open };
})();
