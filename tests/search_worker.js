// Runs the built site's search worker (assets/javascripts/workers/sop-search.js: the site's step and Material's
// worker, which imports lunr.folded.min.js) in node, as a browser's worker would, and answers queries.
//
//   node search_worker.js SITE_DIR READER_LANGUAGE '["query", ...]'
//
// prints {"query": [[location, ...] per result group, in order], ...}; with '"docs"' instead of queries, the
// documents lunr indexed for that reader ([location, title, text, boost], ...); with "fold" as READER_LANGUAGE,
// {"text": folded} for each given text (the browser's fold, for comparing with the Python one).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, reader, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const workerFile = path.join(site, "assets/javascripts/workers",
                            reader === "en" || reader === "fold" ? "sop-search.js" : `sop-search.${reader}.js`);
const listeners = [];
const replies = [];

globalThis.self = globalThis;
globalThis.location = { href: `file://${workerFile}` };
globalThis.addEventListener = (type, fn) => { if (type === "message") listeners.push(fn); };
globalThis.postMessage = message => replies.push(message);
globalThis.importScripts = (...urls) => {
  for (const url of urls) {
    const file = path.resolve(path.dirname(workerFile), url.split("#")[0]);
    vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
  }
};
vm.runInThisContext(fs.readFileSync(workerFile, "utf8"), { filename: workerFile });

async function send(message) {
  replies.length = 0;
  for (const fn of listeners) await fn(new MessageEvent("message", { data: message }));
  // Material's listener is async: wait for its reply
  for (let i = 0; i < 1000 && !replies.length; i++) await new Promise(r => setTimeout(r, 1));
  return replies[0];
}

(async () => {
  if (reader === "fold") {
    // the worker carries the folded language (lunr.folded.min.js) after Material's worker
    const out = {};
    for (const text of queries) out[text] = self.lunr.folded.fold(text);
    process.stdout.write(JSON.stringify(out));
    return;
  }
  const added = [];
  const add = self.lunr.Builder.prototype.add;
  self.lunr.Builder.prototype.add = function (doc, attributes) {
    added.push([doc.location, doc.title, doc.text, (attributes && attributes.boost) || 1]);
    return add.call(this, doc, attributes);
  };
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
  const ready = await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  if (!ready || ready.type !== 1) throw new Error("the worker did not get ready: " + JSON.stringify(ready));
  if (queries === "docs") {  // what lunr indexed for this reader: [location, title, text, boost]
    process.stdout.write(JSON.stringify(added));
    return;
  }
  const out = {};
  for (const query of queries) {
    const result = await send({ type: 2, data: query });
    out[query] = result.data.items.map(group => group.map(item => item.location));
  }
  process.stdout.write(JSON.stringify(out));
})().catch(err => { console.error(err); process.exit(1); });
