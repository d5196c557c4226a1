// Loaded first, before the page is drawn. After "Leave quickly" this tab must not show
// Sanad again through Back: the exit left a mark in this tab's sessionStorage, and a
// page reached by Back or Forward (or restored from the back-forward cache) goes
// straight on to the neutral site. Opening Sanad on purpose (a link, the address bar,
// a reload) removes the mark.
(function () {
  "use strict";
  var MARK = "sanad-left";
  var exitUrl = null;
  try { exitUrl = window.sessionStorage.getItem(MARK); } catch (error) { return; }
  if (!exitUrl) return;

  function travelledBack() {
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }

  function leave() {
    document.documentElement.style.visibility = "hidden";
    window.location.replace(exitUrl);
  }

  if (travelledBack()) {
    leave();
  } else {
    window.sessionStorage.removeItem(MARK);
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && window.sessionStorage.getItem(MARK)) leave();
  });
})();
