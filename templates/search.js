// Offline search over window.CATALOG_INDEX (rows: [name, code, department, type, href]).
// Substring matching works for Chinese without a word segmenter; every term must match.
(function () {
  "use strict";
  var index = window.CATALOG_INDEX || [];
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  var LIMIT = 200;

  // Full-width letters/digits and case fold so "ＡＢ１" finds "ab1".
  function norm(s) {
    return String(s).replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/\u3000/g, " ").toLowerCase();
  }
  var hay = index.map(function (r) { return norm(r[0] + "\n" + r[1] + "\n" + r[2] + "\n" + r[3]); });
  var names = index.map(function (r) { return norm(r[0]); });

  function run(q) {
    var terms = norm(q).split(/\s+/).filter(Boolean);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!terms.length) { status.textContent = "输入关键词后按回车。"; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var h = hay[i], ok = true;
      for (var t = 0; t < terms.length; t++) { if (h.indexOf(terms[t]) < 0) { ok = false; break; } }
      if (ok) hits.push(i);
    }
    // Name matches first, then shorter names (closer matches), then catalog order.
    hits.sort(function (a, b) {
      var na = names[a].indexOf(terms[0]) >= 0 ? 0 : 1, nb = names[b].indexOf(terms[0]) >= 0 ? 0 : 1;
      return na - nb || names[a].length - names[b].length || a - b;
    });
    status.textContent = hits.length ? "找到 " + hits.length + " 项" + (hits.length > LIMIT ? "，显示前 " + LIMIT + " 项" : "") : "没有找到包含“" + q + "”的事项。";
    hits.slice(0, LIMIT).forEach(function (i) {
      var r = index[i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r[4];
      a.textContent = r[0];
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + [r[1], r[3], r[2]].filter(Boolean).join(" · ");
      li.appendChild(meta);
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
