/* The site offline once visited: registers the site's service worker (sw.js, at the site's root), and once the
   page has loaded asks it to keep every page of the page's language, unless the browser says the reader saves
   data (then each page is kept as it is read). Nothing happens when the page is opened from a folder (file://),
   where browsers have no service workers: that copy is offline already. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || location.protocol === "file:") return;
  var root = new URL("../../", script.src);  // this file is assets/javascripts/offline.js
  var language = document.documentElement.getAttribute("lang") || "";

  function precache(registration) {
    var connection = navigator.connection;
    if (connection && connection.saveData) return;
    var worker = registration.active;
    if (worker) worker.postMessage({ type: "precache", language: language });
  }

  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function (registration) {
      if (document.readyState === "complete") precache(registration);
      else window.addEventListener("load", function () { precache(registration); });
    })
    .catch(function () { /* no worker (private browsing, an old browser): the site works as before */ });
})();
