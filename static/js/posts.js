// Conversations: live updates, drafts kept in the browser, quoting. Every page works
// without this file; it only saves effort and reloads.
(function () {
  "use strict";

  var DRAFT_PREFIX = "sanad-draft:";
  var PENDING = "sanad-draft-pending";
  var DRAFT_DAYS = 7;

  function storage(kind) {
    try {
      var store = window[kind];
      store.setItem("sanad-probe", "1");
      store.removeItem("sanad-probe");
      return store;
    } catch (error) {
      return null; // private mode or storage turned off: drafts simply are not kept
    }
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");

  // --- Live updates -------------------------------------------------------------------

  function livePaused(paused) {
    document.querySelectorAll("[data-live-paused]").forEach(function (note) { note.hidden = !paused; });
  }

  function insert(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content;
  }

  function process(node) {
    if (window.htmx && node && node.nodeType === 1) window.htmx.process(node);
  }

  function announce(text) {
    var status = document.getElementById("live-status");
    if (status && text) status.textContent = text;
  }

  function listen(list) {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var onLastPage = list.dataset.lastPage !== "false";
    var status = document.getElementById("live-status");
    var delay = 1000;

    function onMessage(event) {
      var message = JSON.parse(event.data);
      var existing = document.getElementById("p" + message.number);
      if (message.type === "post.created") {
        if (existing) return;
        if (!onLastPage) {
          // Replies belong at the end of the thread: say so instead of misplacing them.
          var elsewhere = document.getElementById("live-elsewhere");
          if (elsewhere) elsewhere.hidden = false;
        } else {
          var fragment = insert(message.html);
          var added = fragment.firstElementChild;
          list.appendChild(fragment);
          process(added);
        }
        announce(status && status.dataset.newReplyText);
      } else if (message.type === "post.changed" && existing) {
        var replacement = insert(message.html).firstElementChild;
        // A post that was open stays open for the reader after an edit.
        var open = existing.querySelector("details[open]");
        existing.replaceWith(replacement);
        if (open) {
          var details = replacement.querySelector("details");
          if (details) details.open = true;
        }
        process(replacement);
      } else if (message.type === "post.withdrawn" && existing) {
        existing.remove();
      }
    }

    function connect() {
      var socket = new WebSocket(scheme + window.location.host + list.dataset.wsPath);
      socket.addEventListener("open", function () { delay = 1000; livePaused(false); });
      socket.addEventListener("message", onMessage);
      socket.addEventListener("close", function (event) {
        // 4404: not (or no longer) a member. Do not keep knocking.
        if (event.code === 4404) return;
        // 4503: the server cannot push updates now (Redis is down): say so, retry later.
        if (event.code === 4503) livePaused(true);
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      });
    }
    connect();
  }

  // --- Drafts -------------------------------------------------------------------------

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && (field.tagName === "TEXTAREA" || field.type === "text");
    });
  }

  function readDraft(key) {
    if (!local) return null;
    try {
      var draft = JSON.parse(local.getItem(DRAFT_PREFIX + key) || "null");
      if (draft && Date.now() - draft.savedAt < DRAFT_DAYS * 86400000) return draft;
    } catch (error) { /* a damaged draft is dropped below */ }
    local.removeItem(DRAFT_PREFIX + key);
    return null;
  }

  function keepDrafts(form) {
    var key = form.dataset.draftKey;
    var note = form.querySelector("[data-draft-note]");
    if (!local || !key) return;
    if (note) note.hidden = false;
    var inputs = fields(form);
    var draft = readDraft(key);
    var empty = inputs.every(function (field) { return !field.value.trim(); });
    // Only into an empty form: text the server sent back (an error) is newer.
    if (draft && empty) {
      inputs.forEach(function (field) {
        if (draft.values[field.name]) field.value = draft.values[field.name];
      });
    }
    var timer = null;
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var values = {};
        var any = false;
        inputs.forEach(function (field) {
          values[field.name] = field.value;
          any = any || !!field.value.trim();
        });
        if (any) {
          local.setItem(DRAFT_PREFIX + key, JSON.stringify({ savedAt: Date.now(), values: values }));
        } else {
          local.removeItem(DRAFT_PREFIX + key);
        }
      }, 400);
    });
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.name === "preview") return;
      if (session) session.setItem(PENDING, key);
    });
  }

  function forgetPostedDraft() {
    if (!local || !session) return;
    var key = session.getItem(PENDING);
    if (!key) return;
    // The server says it was posted: the draft has done its job.
    if (document.querySelector(".message-draft-posted")) {
      local.removeItem(DRAFT_PREFIX + key);
      session.removeItem(PENDING);
    } else if (document.querySelector("[data-draft-key='" + key + "'] .form-errors")) {
      session.removeItem(PENDING);
    }
  }

  function forgetAllDraftsOnSignOut() {
    // Someone else may use this browser next: what a member wrote leaves with them.
    document.addEventListener("submit", function (event) {
      var action = event.target.getAttribute("action") || "";
      if (!local || action.indexOf("/accounts/logout/") === -1) return;
      for (var i = local.length - 1; i >= 0; i--) {
        var name = local.key(i);
        if (name && name.indexOf(DRAFT_PREFIX) === 0) local.removeItem(name);
      }
    });
  }

  // --- Quoting ------------------------------------------------------------------------

  function quote(event) {
    var link = event.target.closest("[data-quote]");
    if (!link) return;
    var composer = document.querySelector("form[data-draft-key^='reply:']");
    var body = composer && composer.querySelector("textarea[name=body]");
    var article = link.closest("article.post");
    if (!body || !article) return;
    event.preventDefault();
    var selection = window.getSelection ? String(window.getSelection()) : "";
    var source = article.querySelector(".post-body");
    var text = selection && article.contains(window.getSelection().anchorNode)
      ? selection
      : (source ? source.innerText : "");
    var name = article.querySelector(".post-author");
    var list = document.getElementById("posts");
    var heading = (list && list.dataset.quoteHeading) || "%(name)s:";
    heading = heading.replace("%(name)s", name ? name.textContent.trim() : "");
    var quoted = text.trim().split("\n").map(function (line) {
      return line ? "> " + line : ">";
    }).join("\n");
    var prefix = body.value && !/\n\n$/.test(body.value) ? body.value.replace(/\s*$/, "\n\n") : body.value;
    body.value = prefix + "> **" + heading + "**\n" + quoted + "\n\n";
    // Quoting a post behind a warning keeps the warning on the reply.
    var warning = article.querySelector(".cw-text");
    var warningField = composer.querySelector("input[name=content_warning]");
    if (warning && warningField && !warningField.value) warningField.value = warning.textContent.trim();
    body.dispatchEvent(new Event("input", { bubbles: true }));
    body.focus();
    body.setSelectionRange(body.value.length, body.value.length);
  }

  document.addEventListener("click", quote);
  forgetAllDraftsOnSignOut();

  document.addEventListener("DOMContentLoaded", function () {
    forgetPostedDraft();
    document.querySelectorAll("form[data-draft-key]").forEach(keepDrafts);
    document.querySelectorAll("[data-live-thread]").forEach(listen);
  });
})();
