// Offline search over window.CATALOG_INDEX (rows {n name, c code, d department, t type,
// h href, a other department names, s situations, m materials}) and window.CATALOG_SYNONYMS.
// Substring matching works for Chinese without a word segmenter; every term must match, itself
// or through a synonym. Matches are highlighted with <mark>.
(function () {
  "use strict";
  var index = window.CATALOG_INDEX || [];
  var synonyms = window.CATALOG_SYNONYMS || {};
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  var LIMIT = 200;

  // Full-width letters/digits and case fold so "ＡＢ１" finds "ab1" (length-preserving, so
  // positions found in the folded text hold in the original).
  function norm(s) {
    return String(s || "").replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ").toLowerCase();
  }
  var FIELDS = ["n", "c", "d", "a", "t", "s", "m"];
  var folded = index.map(function (r) {
    var f = {};
    FIELDS.forEach(function (k) { f[k] = norm(r[k]); });
    return f;
  });
  var synonymsNorm = {};
  Object.keys(synonyms).forEach(function (k) { synonymsNorm[norm(k)] = synonyms[k].map(norm); });

  // Which fields of row i hold the term (anywhere) or one of its synonyms (in the item's name
  // or situations only: 开店 → 营业执照 names the licence, not every item that asks for one).
  var NAMED = { n: true, s: true };
  function match(i, term) {
    var f = folded[i], hit = null, syn = synonymsNorm[term] || [];
    for (var k = 0; k < FIELDS.length; k++) {
      var key = FIELDS[k], alts = NAMED[key] ? [term].concat(syn) : [term];
      for (var a = 0; a < alts.length; a++) {
        if (f[key].indexOf(alts[a]) >= 0) {
          hit = hit || {};
          (hit[key] = hit[key] || []).push(alts[a]);
        }
      }
    }
    return hit;
  }

  // `text` as nodes with every occurrence of `words` (folded) wrapped in <mark>.
  function highlighted(text, words) {
    var frag = document.createDocumentFragment();
    var low = norm(text), at = 0;
    while (at < text.length) {
      var best = -1, len = 0;
      for (var w = 0; w < words.length; w++) {
        if (!words[w]) continue;
        var p = low.indexOf(words[w], at);
        if (p >= 0 && (best < 0 || p < best || (p === best && words[w].length > len))) { best = p; len = words[w].length; }
      }
      if (best < 0) break;
      if (best > at) frag.appendChild(document.createTextNode(text.slice(at, best)));
      var m = document.createElement("mark");
      m.textContent = text.slice(best, best + len);
      frag.appendChild(m);
      at = best + len;
    }
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  // The pieces of a "、"-separated list that hold a match, for the hit's second line.
  function pieces(text, words) {
    return String(text || "").split("、").filter(function (p) {
      var l = norm(p);
      return words.some(function (w) { return w && l.indexOf(w) >= 0; });
    });
  }

  function run(q) {
    var terms = norm(q).split(/\s+/).filter(Boolean);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!terms.length) { status.textContent = "输入关键词后按回车。"; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var fields = {}, ok = true;
      for (var t = 0; t < terms.length; t++) {
        var h = match(i, terms[t]);
        if (!h) { ok = false; break; }
        Object.keys(h).forEach(function (k) { fields[k] = (fields[k] || []).concat(h[k]); });
      }
      if (ok) hits.push({ i: i, f: fields });
    }
    // Name matches first, then shorter names (closer matches), then catalog order.
    hits.sort(function (a, b) {
      var na = a.f.n ? 0 : 1, nb = b.f.n ? 0 : 1;
      return na - nb || folded[a.i].n.length - folded[b.i].n.length || a.i - b.i;
    });
    status.textContent = hits.length ? "找到 " + hits.length + " 项" + (hits.length > LIMIT ? "，显示前 " + LIMIT + " 项" : "") : "没有找到包含“" + q + "”的事项。";
    hits.slice(0, LIMIT).forEach(function (hit) {
      var r = index[hit.i], f = hit.f;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.h;
      a.appendChild(highlighted(r.n, f.n || []));
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.appendChild(document.createTextNode(" "));
      [["c", r.c], ["t", r.t], ["d", r.d]].forEach(function (p, k) {
        if (!p[1]) return;
        if (k) meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(highlighted(p[1], f[p[0]] || []));
      });
      // Found by another name of the department: show that name after the department's own.
      if (f.a && !f.d) {
        var names = r.a.split(" ").filter(function (x) { return f.a.some(function (w) { return norm(x).indexOf(w) >= 0; }); });
        meta.appendChild(document.createTextNode("（"));
        meta.appendChild(highlighted(names.join("、"), f.a));
        meta.appendChild(document.createTextNode("）"));
      }
      li.appendChild(meta);
      // Where else the words were found: the situation or material a citizen asked about.
      [["s", "办事情形"], ["m", "申请材料"]].forEach(function (p) {
        if (!f[p[0]]) return;
        var found = pieces(r[p[0]], f[p[0]]);
        if (!found.length) return;
        var line = document.createElement("div");
        line.className = "found";
        line.appendChild(document.createTextNode(p[1] + "："));
        line.appendChild(highlighted(found.slice(0, 5).join("、") + (found.length > 5 ? "……" : ""), f[p[0]]));
        li.appendChild(line);
      });
      list.appendChild(li);
    });
  }

  var q = new URLSearchParams(window.location.search).get("q") || "";
  if (input) {
    input.value = q;
    input.addEventListener("input", function () { run(input.value); });
  }
  run(q);
})();
