// The review queue, live: new items, claims and resolutions arrive without reloading,
// and timers count down. Every page works without this file.
(function () {
  "use strict";

  // The countdown in words, in the page's language: the server hands over every
  // plural form of each phrase (config/humanize.py timer_phrases) and Intl.PluralRules
  // picks the one for the number, as ngettext does on the server.
  const phrases = (function () {
    const data = document.getElementById("timer-phrases");
    try { return data ? JSON.parse(data.textContent) : null; } catch (error) { return null; }
  })();
  const rules = phrases && window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;

  function digits(number) {
    const text = String(number);
    if (!phrases || !phrases.arabic_digits) return text;
    return text.replace(/[0-9]/g, function (d) { return "٠١٢٣٤٥٦٧٨٩"[Number(d)]; });
  }

  function say(forms, count) {
    const category = rules.select(count);
    return (forms[category] || forms.other).replace("{n}", digits(count));
  }

  function clock(seconds) {
    if (!phrases || !rules) return null;
    const overdue = seconds < 0;
    const minutes = Math.floor(Math.abs(seconds) / 60);
    const prefix = overdue ? "overdue_" : "left_";
    if (minutes < 1) return phrases[prefix + "less"];
    if (minutes < 120) return say(phrases[prefix + "minutes"], minutes);
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return say(phrases[prefix + "hours"], hours);
    return say(phrases[prefix + "days"], Math.floor(hours / 24));
  }

  function tickTimers(root, texts) {
    const now = Date.now() / 1000;
    root.querySelectorAll(".queue-timer[data-due]").forEach(function (timer) {
      const left = Number(timer.dataset.due) - now;
      const value = timer.querySelector(".timer-value");
      const words = clock(left);
      if (value && words) value.textContent = words;
      const overdue = left < 0;
      timer.classList.toggle("is-overdue", overdue);
      const label = timer.querySelector(".timer-label");
      if (label && texts) label.textContent = overdue ? texts.overdue : texts.due;
      const item = timer.closest(".queue-item");
      if (item) item.classList.toggle("is-overdue", overdue);
    });
  }

  function matchesFilters(container, message) {
    const filters = container.dataset;
    if (filters.filterGroup && Number(filters.filterGroup) !== message.group_id) return false;
    if (filters.filterLane !== "" && filters.filterLane !== undefined &&
        Number(filters.filterLane) !== message.lane) return false;
    if (filters.filterKind && filters.filterKind !== message.kind) return false;
    return true;
  }

  function updateCounts(container) {
    container.querySelectorAll("ol.queue[data-lane]").forEach(function (list) {
      const badge = container.querySelector('[data-lane-count="' + list.dataset.lane + '"]');
      if (badge) badge.textContent = list.children.length + Number(list.dataset.hidden || 0);
    });
    const clear = container.querySelector(".queue-all-clear");
    if (clear) clear.hidden = container.querySelectorAll(".queue-item").length > 0;
  }

  function place(container, element) {
    const list = container.querySelector('ol.queue[data-lane="' + element.dataset.lane + '"]');
    if (!list) return;
    const created = Number(element.dataset.created);
    // Oldest first within a lane.
    const after = Array.prototype.find.call(list.children, function (other) {
      return Number(other.dataset.created) > created;
    });
    list.insertBefore(element, after || null);
  }

  function listen(container) {
    const status = document.getElementById("queue-live-status");
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    let delay = 1000;

    function connect() {
      const socket = new WebSocket(scheme + window.location.host + container.dataset.wsPath);
      const paused = document.querySelector("[data-live-paused]");
      socket.addEventListener("open", function () { delay = 1000; if (paused) paused.hidden = true; });
      socket.addEventListener("close", function (event) {
        // 4503: the server cannot push updates now (Redis is down): say so.
        if (event.code === 4503 && paused) paused.hidden = false;
      });
      socket.addEventListener("message", function (event) {
        const message = JSON.parse(event.data);
        const existing = document.getElementById("queue-item-" + message.item_id);
        if (message.type === "queue.item_removed") {
          if (existing) existing.remove();
          updateCounts(container);
          return;
        }
        if (message.type !== "queue.item_changed") return;
        if (!matchesFilters(container, message)) {
          if (existing) existing.remove();
          updateCounts(container);
          return;
        }
        const template = document.createElement("template");
        template.innerHTML = message.html.trim();
        const element = template.content.firstElementChild;
        if (!element) return;
        // Rendered for this moderator on the server, without this page's form token.
        element.querySelectorAll("[data-csrf-input]").forEach(function (input) {
          input.value = container.dataset.csrf;
        });
        if (container.dataset.filterClaim === "unclaimed" && element.dataset.claimLive) {
          if (existing) existing.remove();
          updateCounts(container);
          return;
        }
        if (container.dataset.filterEscalated && !element.dataset.escalated) {
          if (existing) existing.remove();
          updateCounts(container);
          return;
        }
        if (container.dataset.filterClaim === "mine" && !element.dataset.claimedByViewer) {
          if (existing) existing.remove();
          updateCounts(container);
          return;
        }
        if (existing) {
          existing.replaceWith(element);
        } else {
          place(container, element);
          if (status) {
            status.textContent = message.lane === 0 ? container.dataset.newCrisisText
                                                    : container.dataset.newItemText;
          }
        }
        updateCounts(container);
        tickTimers(container, { due: container.dataset.dueText, overdue: container.dataset.overdueText });
      });
      socket.addEventListener("close", function (event) {
        // 4404: not (or no longer) a moderator. Do not keep knocking.
        if (event.code === 4404) return;
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      });
    }
    connect();
  }

  document.addEventListener("DOMContentLoaded", function () {
    const container = document.getElementById("live-queue");
    const texts = container ? { due: container.dataset.dueText, overdue: container.dataset.overdueText } : null;
    tickTimers(document, texts);
    window.setInterval(function () { tickTimers(document, texts); }, 15000);
    if (container) listen(container);
  });
})();
