// Saraban Search: small helps on top of pages that work without scripts.
"use strict";

// "พิมพ์รายการ": shown only when scripts run; the print stylesheet does the rest.
document.querySelectorAll("[data-print]").forEach(function (link) {
  link.hidden = false;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});
