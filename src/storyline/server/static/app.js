// storyline web UI: the only script (no framework).  Zooms the story timeline strip by
// spreading its dots and ticks apart; every page works without it.
"use strict";
(function () {
  var scale = 1;
  function zoom(factor) {
    var svg = document.getElementById("strip");
    if (!svg) return;
    var base = parseFloat(svg.getAttribute("data-width")) || 1000;
    scale = Math.max(1, Math.min(32, scale * factor));
    svg.setAttribute("width", String(Math.round(base * scale)));
    var items = svg.querySelectorAll("[data-x]");
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var x = String(Math.round(parseFloat(el.getAttribute("data-x")) * scale));
      if (el.tagName.toLowerCase() === "circle") el.setAttribute("cx", x);
      else if (el.tagName.toLowerCase() === "line") { el.setAttribute("x1", x); el.setAttribute("x2", x); }
      else el.setAttribute("x", x);
    }
    svg.setAttribute("data-scale", String(scale));
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button[data-zoom]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (e) {
        zoom(e.currentTarget.getAttribute("data-zoom") === "in" ? 2 : 0.5);
      });
    }
    var hl = document.getElementById("hl");
    if (hl && hl.scrollIntoView) hl.scrollIntoView({ block: "center" });
  });
})();
