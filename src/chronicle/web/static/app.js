// Chronicle's one script: small enhancements; every page works without it.
// No inline handlers anywhere (the CSP allows only this file); listeners are attached here.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filter forms: a changed <select> applies at once.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
  // Picking an actor from the suggestions applies it too.
  var actor = document.querySelector("form[data-autosubmit] input[list]");
  if (actor) {
    var options = new Set(Array.from(document.querySelectorAll("#" + actor.getAttribute("list") + " option"))
      .map(function (o) { return o.value; }));
    actor.addEventListener("change", function () {
      if (options.has(actor.value)) { actor.form.requestSubmit(); }
    });
  }
  // Event and article pages: scroll each highlighted sentence into view inside its own pane.
  document.querySelectorAll(".source-text").forEach(function (pane) {
    var mark = pane.querySelector("mark");
    if (mark) { pane.scrollTop = Math.max(0, mark.offsetTop - 60); }
  });
  var hit = document.querySelector(".article-text mark");
  if (hit) { hit.id = "hit"; hit.scrollIntoView({ block: "center" }); }
});
