// The bell: the unread count and new notifications arrive live over the member's own
// WebSocket. Pages work without this file; the count is right on every page load.
(function () {
  "use strict";

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function showCount(bell, count) {
    const badge = bell.querySelector("[data-bell-count]");
    if (!badge) return;
    const number = Math.max(0, parseInt(count, 10) || 0);
    const hidden = badge.querySelector(".visually-hidden");
    badge.textContent = "";
    if (hidden) badge.appendChild(hidden);
    badge.appendChild(document.createTextNode(String(number)));
    badge.hidden = number === 0;
    bell.dataset.count = String(number);
  }

  function announce(text) {
    const region = document.querySelector("[data-bell-announce]");
    if (!region || !text) return;
    region.textContent = "";
    // A fresh text node after a tick, so screen readers announce it again.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function insertItem(message) {
    const list = document.querySelector("[data-notification-list]");
    if (!list || !message.html) return;
    if (document.getElementById("notification-" + message.id)) return;
    const template = document.createElement("template");
    template.innerHTML = message.html.trim();
    // The server renders the item without a request, so its form lacks the token.
    template.content.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("input[name=csrfmiddlewaretoken]")) return;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrfmiddlewaretoken";
      input.value = csrfToken();
      form.appendChild(input);
    });
    list.insertBefore(template.content, list.firstChild);
    const empty = document.querySelector("[data-notification-empty]");
    if (empty) empty.hidden = true;
    if (window.htmx) window.htmx.process(list);
  }

  function listen(bell) {
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    const lang = document.documentElement.lang || "";
    const url = scheme + window.location.host + bell.dataset.wsPath + "?lang=" + encodeURIComponent(lang);
    const seen = new Set();
    let delay = 1000;

    function connect() {
      const socket = new WebSocket(url);
      let ping = null;
      socket.addEventListener("open", function () {
        delay = 1000;
        bell.dataset.live = "open";
        // "Still here": the server pushes only to members it has heard from lately.
        ping = window.setInterval(function () {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
        }, 30000);
      });
      socket.addEventListener("message", function (event) {
        let message;
        try { message = JSON.parse(event.data); } catch (error) { return; }
        if (message.type === "count") {
          showCount(bell, message.count);
        } else if (message.type === "notification") {
          showCount(bell, message.count);
          // A push repeated after a worker restart is shown once.
          if (seen.has(message.id)) return;
          seen.add(message.id);
          insertItem(message);
          announce(document.querySelector("[data-bell-announce]").dataset.oneText);
        }
      });
      socket.addEventListener("close", function (event) {
        bell.dataset.live = "closed";
        if (ping) window.clearInterval(ping);
        // 4401: signed out. Do not keep knocking.
        if (event.code === 4401 || event.code === 4404) return;
        // 4503: the server cannot push updates now (Redis is down); retry, more slowly.
        if (event.code === 4503) bell.dataset.live = "paused";
        // Dropped (a deploy, a network change): come back, more slowly each time.
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      });
    }
    connect();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-notification-bell]").forEach(listen);
  });
})();

// Preferences: suggest the browser's own time zone while the form still shows the default.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    const select = document.querySelector("select[data-suggest-time-zone]");
    if (!select || select.value !== "UTC" || !window.Intl) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && select.querySelector('option[value="' + CSS.escape(zone) + '"]')) select.value = zone;
  });
})();
