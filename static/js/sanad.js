// Sanad's small enhancements. Every page works without this file.
(function () {
  "use strict";

  // Time zone hint: until a member chooses a zone, dates are shown on the browser's own
  // clock (accounts.middleware.TimeZoneMiddleware reads this cookie). The name only, no
  // other detail of the device.
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && /^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone) && document.cookie.indexOf("sanad_tz=" + zone) === -1) {
      document.cookie = "sanad_tz=" + zone + "; path=/; max-age=31536000; samesite=lax" +
        (window.location.protocol === "https:" ? "; secure" : "");
    }
    document.querySelectorAll("[data-browser-time-zone]").forEach(function (field) {
      if (!field.value) field.value = zone || "";
    });
  } catch (error) {
    // An old browser without Intl: the page stays in UTC, as before.
  }

  // "Leave quickly" (the button, or Escape pressed twice): forget what Sanad kept in
  // this browser (drafts, page state), sign out if the member chose that, and replace
  // this page with the neutral site, so Back does not return here (exit-guard.js turns
  // away the Sanad pages further back in this tab).
  function leaveQuickly(link) {
    document.documentElement.style.visibility = "hidden";
    try { window.localStorage.clear(); } catch (error) { /* storage turned off */ }
    try {
      window.sessionStorage.clear();
      window.sessionStorage.setItem("sanad-left", link.href);
    } catch (error) { /* storage turned off */ }
    if (link.dataset.signOut && navigator.sendBeacon) {
      const form = new FormData();
      // The token of the sign-out form in the header (every signed-in page has it).
      const token = document.querySelector("input[name=csrfmiddlewaretoken]");
      form.append("csrfmiddlewaretoken", token ? token.value : "");
      navigator.sendBeacon(link.dataset.signOut, form);
    }
    window.location.replace(link.href);
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leaveQuickly(link);
  });

  let lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape < 1000) {
      const link = document.querySelector("[data-quick-exit]");
      if (link) leaveQuickly(link);
    }
    lastEscape = now;
  });

  // The crisis panel, after a post that carried crisis language: the page opens on it
  // (its address ends in #crisis-panel-heading), and focus moves to its heading so that
  // screen readers announce it. Closing removes it and puts focus where the member was
  // going.
  function crisisPanel() {
    const panel = document.querySelector("[data-crisis-panel]");
    if (!panel) return;
    const heading = panel.querySelector("h2");
    function focusPanel() {
      panel.scrollIntoView({ block: "start" });
      if (heading) heading.focus({ preventScroll: true });
    }
    focusPanel();
    // The browser scrolls to the address's fragment once the page has loaded, and
    // Chromium then clears focus when that target (the composer's heading, after a
    // refused reply) cannot take it: bring the panel back into view and focus.
    window.addEventListener("load", function () {
      if (panel.isConnected && (!document.activeElement || document.activeElement === document.body)) {
        focusPanel();
      }
    });
    panel.addEventListener("click", function (event) {
      const link = event.target.closest("[data-crisis-dismiss], [data-crisis-return]");
      if (!link) return;
      const close = link.hasAttribute("data-crisis-dismiss");
      const back = panel.querySelector("[data-crisis-return]");
      const target = document.querySelector((close && back ? back : link).getAttribute("href"));
      event.preventDefault();
      if (close) {
        const marker = panel.previousElementSibling;
        panel.remove();
        if (marker && marker.classList.contains("crisis-panel-marker")) marker.remove();
      }
      const where = target || document.getElementById("main");
      if (where) {
        if (!where.matches("a, button, input, textarea, select, [tabindex]")) where.setAttribute("tabindex", "-1");
        where.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", crisisPanel);
  } else {
    crisisPanel();
  }

  // A form sent back with something to fix: focus moves to its summary, so the member
  // hears what to fix, unless the crisis panel (which matters more) took focus.
  function errorSummary() {
    const summary = document.getElementById("form-errors");
    if (!summary || document.querySelector("[data-crisis-panel]")) return;
    summary.focus();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", errorSummary);
  } else {
    errorSummary();
  }

  // Live thread updates, drafts and quoting live in posts.js, loaded by those pages.
})();
