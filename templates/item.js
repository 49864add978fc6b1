// 情形引导: the citizen picks a situation and the page (and its print) shows only that
// situation's materials and points. Without JavaScript every situation stays visible.
(function () {
  "use strict";
  var radios = document.querySelectorAll('#chooser input[name="situation"]');
  var sections = document.querySelectorAll("section.scenario");
  if (!radios.length) return;
  function show(id) {
    for (var i = 0; i < sections.length; i++) sections[i].hidden = sections[i].id !== id;
    for (var j = 0; j < radios.length; j++) radios[j].checked = radios[j].value === id;
  }
  for (var k = 0; k < radios.length; k++) {
    radios[k].addEventListener("change", function (e) {
      show(e.target.value);
      if (history.replaceState) history.replaceState(null, "", "#" + e.target.value);
    });
  }
  // A link to #s2 (from a search hit or a bundle) opens that situation.
  var wanted = /^#s\d+$/.test(location.hash) ? location.hash.slice(1) : radios[0].value;
  show(document.getElementById(wanted) ? wanted : radios[0].value);
})();
