// citeproc-js, the reference CSL engine, rendering what footcite renders, for comparison.
//
// Reads one JSON request on stdin:
//   {"style": "/path/style.csl", "locales": "/dir/with/locales-xx-XX.xml",
//    "format": "text" | "html", "items": [CSL-JSON...],
//    "notes": [{"number": 3, "cites": [{"id", "locator", "label", "prefix", "suffix"}]}],
//    "bibliography": true}
// and writes {"notes": [{"number", "text"}], "bibliography": ["..."]} on stdout.
//
// Each note is one citation whose noteIndex is the note number, so citeproc-js sees the
// uncited notes in between (they matter for ibid and near-note). rebuildProcessorState runs
// the citations in document order and returns the final text of every one.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const items = {};
  for (const item of request.items) {
    items[String(item.id)] = item;
  }
  const sys = {
    retrieveLocale(lang) {
      const file = path.join(request.locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem(id) {
      return items[String(id)];
    },
  };
  const style = fs.readFileSync(request.style, "utf8");
  const engine = new CSL.Engine(sys, style, request.lang || undefined);
  const format = request.format || "text";
  const citations = request.notes.map((note, index) => ({
    citationID: `note-${index}-${note.number}`,
    citationItems: note.cites.map((cite) => {
      const out = { id: String(cite.id) };
      for (const key of ["locator", "label", "prefix", "suffix"]) {
        if (cite[key] !== undefined && cite[key] !== null) {
          out[key] = cite[key];
        }
      }
      return out;
    }),
    properties: { noteIndex: note.number },
  }));
  const rendered = engine.rebuildProcessorState(citations, format);
  const notes = rendered.map((triple, index) => ({
    number: request.notes[index].number,
    text: triple[2],
  }));
  let bibliography = [];
  if (request.bibliography) {
    engine.setOutputFormat(format);
    const result = engine.makeBibliography();
    if (result) {
      bibliography = result[1].map((entry) => entry.replace(/^\s*<div class="csl-entry">|<\/div>\s*$/g, "").trim());
    }
  }
  process.stdout.write(JSON.stringify({ notes, bibliography }));
}

main();
