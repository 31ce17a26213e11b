/* The chat bubble for any page: <script src="https://bot.example/widget.js" defer></script>.
 * It draws a button in a shadow root (the page's styles cannot reach in, nor ours out), and on the
 * first press loads the chat (web/chat.js) from the bot's own address and opens it there.
 * Which sites may talk to the bot is the bot's decision (WEB_ALLOWED_ORIGINS), not this file's. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__botChatWidget) return;
  window.__botChatWidget = true;
  var base = new URL("./", script.src).href;
  var OPEN = "Mở hỏi đáp", CLOSE = "Đóng hỏi đáp";

  function icon() { // a speech bubble, drawn here: no emoji font or image file needed
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z");
    svg.appendChild(path);
    return svg;
  }

  function start() {
    var host = document.createElement("div");
    host.setAttribute("data-bot-chat", "widget");
    document.body.appendChild(host);
    var shadow = host.attachShadow({ mode: "open" });
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = base + "web/chat.css";
    shadow.appendChild(style);
    var bubble = document.createElement("button");
    bubble.type = "button";
    bubble.className = "bcw-bubble";
    bubble.appendChild(icon());
    bubble.setAttribute("aria-label", OPEN);
    bubble.setAttribute("aria-expanded", "false");
    var panel = document.createElement("div");
    panel.className = "bcw-panel";
    panel.id = "bot-chat-panel";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", OPEN);
    bubble.setAttribute("aria-controls", panel.id);
    shadow.appendChild(panel);
    shadow.appendChild(bubble);
    var chat = null;

    function setOpen(open) {
      panel.hidden = !open;
      bubble.setAttribute("aria-expanded", open ? "true" : "false");
      bubble.setAttribute("aria-label", open ? CLOSE : OPEN);
      if (open && chat) chat.focus();
      if (!open) bubble.focus();
    }

    function load(then) {
      if (window.BotChat) return then();
      var code = document.createElement("script");
      code.src = base + "web/chat.js";
      code.onload = then;
      code.onerror = function () {
        panel.textContent = "Không tải được trợ lý. Bạn thử tải lại trang sau ít phút nhé.";
      };
      document.head.appendChild(code);
    }

    bubble.addEventListener("click", function () {
      if (!panel.hidden) return setOpen(false);
      if (chat) return setOpen(true);
      load(function () {
        chat = window.BotChat.mount(panel, { embedded: true, onClose: function () { setOpen(false); } });
        setOpen(true);
      });
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") setOpen(false);
    });
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
