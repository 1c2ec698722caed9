/* Accessible names for controls of Plone's related-items widget, and the
 * focus for the skip link.
 *
 * The widget (pat-relateditems, built on select2) renders icon-only links:
 * the "x" that removes a chosen item and the home link of its folder
 * breadcrumbs. Screen readers announce them as nameless links (axe:
 * link-name, WCAG 2.4.4/4.1.2). The widget draws them after the page has
 * loaded and again on every change, so they are named as they appear.
 */
(function () {
  "use strict";

  var NAMES = [
    [".select2-search-choice-close", "Auswahl entfernen"],
    [".pat-relateditems-container a.crumb, .pattern-relateditems-container a.crumb", "Zur obersten Ebene"],
  ];

  function name(root) {
    NAMES.forEach(function (entry) {
      root.querySelectorAll(entry[0]).forEach(function (link) {
        if (!link.getAttribute("aria-label") && !link.textContent.trim()) {
          link.setAttribute("aria-label", entry[1]);
        }
      });
    });
  }

  // "Zum Inhalt springen": the link's target gets the focus, so the next
  // Tab continues in the content (an element that is not focusable only
  // scrolls into view and leaves the focus where it was).
  function skipToContent(event) {
    var link = event.target.closest && event.target.closest(".zumo-skip-link");
    var content = document.getElementById("content");
    if (!link || !content) {
      return;
    }
    content.setAttribute("tabindex", "-1");
    content.focus();
  }

  function start() {
    document.addEventListener("click", skipToContent);
    name(document);
    new MutationObserver(function () {
      name(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
