/* A table wider than the screen scrolls inside its box (Material's .md-typeset__scrollwrap):
   make each such box a keyboard stop with a name, so it can be scrolled without a mouse
   (WCAG 2.1.1; axe's scrollable-region-focusable). Boxes that fit stay out of the tab order. */
(function () {
  "use strict";

  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "可横向滚动的表格 Table, scrolls sideways");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  // Material wraps the tables after load; widths change with the window.
  if (window.document$) window.document$.subscribe(label); else window.addEventListener("load", label);
  window.addEventListener("resize", label);
})();
