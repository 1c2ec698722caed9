/* "Drucken" on a practice example: opens the browser's print dialogue.
 *
 * The print rules of zumo.css (@media print) lay the page out as the
 * project sheet. The button is hidden in the markup and shown here, so a
 * browser without scripts offers no button that does nothing; the PDF
 * link beside it needs no script.
 */
(function () {
  "use strict";

  document.querySelectorAll("[data-zumo-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
