/* The site's search worker: one step before Material for MkDocs' own worker and the folded lunr language,
   which the build appends below (sopkit/site/search.py); each language's pages are pointed at that
   language's copy of it.

   The index is one for every language. Before Material indexes it, this step makes the reader's view of it:
   - a section written as {"location", "same_as"} (a chapter not translated yet, shown in the source language
     in this site) gets the title and text of the section it copies; in another language's site, a page made
     only of such copies is left out: the source-language page is in the index already;
   - the documents of the reader's site get a boost, so that they come before every other language's:
     Material adds each document to lunr with {boost: doc.boost}. */
(function (scope) {
  "use strict";

  var SETUP = 0; /* Material's SearchMessageType.SETUP */
  var READER_BOOST = 1e6; /* no match in another language outranks one in the reader's (title boost: 1000) */

  /* The reader's language: the build writes one worker per language (sop-search.js for the source language,
     sop-search.ar.js, …), each with its language here. (Not a query on the worker's address: Chromium gave a
     worker its cached script's address, without the query.) */
  var READER = "" /* sopkit: reader language */;

  function siteOf(location, source, languages) {
    var first = location.split("/")[0];
    return languages.indexOf(first) >= 0 && first !== source ? first : source;
  }

  function pageOf(location) {
    return location.split("#")[0];
  }

  /* The reader's documents; the index received is left as it is (the shim shares it with the page). */
  function readerDocuments(index, reader) {
    var sop = (index.config && index.config.sop) || {};
    var source = sop.source || "", languages = sop.languages || [];
    if (languages.indexOf(reader) < 0) reader = source;
    var byLocation = {}, copiesOnly = {};
    index.docs.forEach(function (doc) {
      byLocation[doc.location] = doc;
      var page = pageOf(doc.location);
      copiesOnly[page] = (copiesOnly[page] !== false) && ("same_as" in doc);
    });
    var docs = [];
    index.docs.forEach(function (doc) {
      var lang = siteOf(doc.location, source, languages);
      if (lang !== reader && copiesOnly[pageOf(doc.location)]) return;
      var made = {}, from = "same_as" in doc ? byLocation[doc.same_as] : doc, key;
      if (!from) return;
      for (key in from) if (key !== "same_as" && (from === doc || key !== "boost")) made[key] = from[key];
      made.location = doc.location;
      if (lang === reader) made.boost = READER_BOOST;
      docs.push(made);
    });
    return docs;
  }

  var reader = READER;

  /* The folded language comes at the end of this script: Material need not import it (nor lunr's stemmer
     support, which it only loads for lunr-languages' stemmers, none of them used here). */
  var BUNDLED = /\/lunr\.(?:folded|stemmer\.support)\.min\.js$/;
  var importScripts = scope.importScripts;
  scope.importScripts = function () {
    var urls = Array.prototype.filter.call(arguments, function (url) { return !BUNDLED.test(String(url)); });
    return urls.length ? importScripts.apply(scope, urls) : undefined;
  };

  /* Material registers its message listener when its code below runs: it gets the reader's documents. */
  var addEventListener = scope.addEventListener;
  scope.addEventListener = function (type, listener, options) {
    if (type === "message" && typeof listener === "function") {
      var material = listener;
      listener = function (ev) {
        var message = ev && ev.data;
        if (message && message.type === SETUP && message.data && message.data.docs) {
          var data = {}, key;
          for (key in message.data) data[key] = message.data[key];
          data.docs = readerDocuments(message.data, reader);
          ev = new MessageEvent("message", { data: { type: message.type, data: data } });
        }
        return material.call(this, ev);
      };
    }
    return addEventListener.call(scope, type, listener, options);
  };
})(self);
