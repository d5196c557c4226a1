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

  // Live replies: a thread page listens for new posts and inserts them in place.
  function listen(list) {
    const status = document.getElementById("live-status");
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    let delay = 1000;

    function connect() {
      const socket = new WebSocket(scheme + window.location.host + list.dataset.wsPath);
      socket.addEventListener("open", function () { delay = 1000; });
      socket.addEventListener("message", function (event) {
        const message = JSON.parse(event.data);
        if (message.type !== "post.created") return;
        if (document.getElementById("post-" + message.post_id)) return;
        const template = document.createElement("template");
        template.innerHTML = message.html;
        list.appendChild(template.content);
        if (status) status.textContent = status.dataset.newReplyText;
      });
      socket.addEventListener("close", function (event) {
        // 4404: not (or no longer) a member. Do not keep knocking.
        if (event.code === 4404) return;
        window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 30000);
      });
    }
    connect();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live-thread]").forEach(listen);
  });
})();
