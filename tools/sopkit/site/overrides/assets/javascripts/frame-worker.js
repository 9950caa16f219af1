/* The search worker when the site is opened from a folder (file://), where browsers refuse `new Worker()`.

   Material's search creates `new Worker(config.search)`, posts messages to it and listens to its answers; the
   worker script calls the global `addEventListener("message", ...)`, `postMessage(...)` and, for languages
   other than English, `importScripts(...)`, whose result it awaits. This runs the same script in a hidden frame
   of the page instead, with those three functions made to talk to the page. The frame is a blank document of
   the page's own origin and policy, and its script is a file of the site: nothing is fetched from elsewhere.
   Under http(s) this file does nothing: the browser's Worker is used. (The name IFrameWorker is the one
   Material's worker looks for to find its lunr files next to itself.) */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof window.Worker === "undefined") return;

  function load(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      doc.body.appendChild(script);
    });
  }

  function IFrameWorker(url) {
    var target = document.createElement("div");  // an EventTarget of this document for the worker's answers
    var queue = [];
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    document.body.appendChild(frame);
    var scope = frame.contentWindow;
    var doc = frame.contentDocument;
    if (!doc.body) doc.documentElement.appendChild(doc.createElement("body"));
    var base = new URL(url, location.href);
    var ready = false;

    scope.postMessage = function (data) {  // the worker answers the page
      target.dispatchEvent(new MessageEvent("message", { data: data }));
    };
    scope.importScripts = function () {  // in order, one after the other; the worker awaits the result
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, next) {
        return done.then(function () { return load(doc, new URL(next, base).href); });
      }, Promise.resolve());
    };

    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
    this.postMessage = function (data) {  // the page asks the worker
      if (!ready) { queue.push(data); return; }
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    };
    this.terminate = function () { frame.remove(); };
    var self = this;
    load(doc, base.href).then(function () {
      ready = true;
      queue.splice(0).forEach(function (data) { self.postMessage(data); });
    }, function (error) {
      target.dispatchEvent(new ErrorEvent("error", { message: String(error) }));
    });
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
