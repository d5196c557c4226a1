// Sanad's small enhancements. Every page works without this file.
(function () {
  "use strict";

  // "Leave quickly": replace this page in the history so Back does not return here.
  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    document.body.hidden = true;
    window.location.replace(link.href);
  });

  // Live thread updates, drafts and quoting live in posts.js, loaded by those pages.
})();
