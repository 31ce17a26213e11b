/* The web chat: draws the bot's JSON replies, sends what the user types or presses.
 * One script for the page (/chat) and the widget (widget.js mounts it in a shadow root).
 * Every text is set with textContent: nothing from the server or the user is read as HTML.
 * The conversation id is random, kept in localStorage with the transcript, so a reload goes on. */
(function () {
  "use strict";
  if (window.BotChat) return;
  var script = document.currentScript;
  var BASE = new URL("../", script && script.src ? script.src : location.href).href;
  var API = BASE + "api/chat/";
  var KEEP = 80; // messages kept for a reload
  // before the server's texts arrive, or when it cannot be reached at all
  var FALLBACK = {
    unreachable: "Không kết nối được với trợ lý. Bạn thử tải lại trang sau ít phút nhé.",
    send: "Gửi", input_label: "Câu hỏi của bạn", typing: "…", log_label: "Cuộc trò chuyện"
  };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function Storage(prefix) {
    var memory = {};
    this.get = function (key) {
      try { var v = localStorage.getItem(prefix + key); return v === null ? memory[key] || null : v; }
      catch (e) { return memory[key] || null; }
    };
    this.set = function (key, value) {
      memory[key] = value;
      try { localStorage.setItem(prefix + key, value); } catch (e) { /* private mode: memory only */ }
    };
    this.remove = function (key) {
      delete memory[key];
      try { localStorage.removeItem(prefix + key); } catch (e) { /* nothing kept */ }
    };
  }

  function mount(container, options) {
    options = options || {};
    var store = new Storage("botchat:" + BASE + ":");
    var texts = {};
    var conversation = store.get("conversation");
    if (!conversation || !/^[A-Za-z0-9_-]{16,64}$/.test(conversation)) {
      conversation = newId();
      store.set("conversation", conversation);
    }
    var transcript = [];
    try { transcript = JSON.parse(store.get("transcript") || "[]"); } catch (e) { transcript = []; }
    if (!Array.isArray(transcript)) transcript = [];
    var busy = false;
    var seq = 0;

    function t(key) { return texts[key] || FALLBACK[key] || ""; }

    var uid = "bc" + Math.random().toString(36).slice(2, 8);
    var root = el("section", "bc");
    root.setAttribute("aria-labelledby", uid + "-title");
    var head = el("div", "bc-head");
    var title = el(options.embedded ? "h2" : "h1", "bc-title", document.title || "");
    title.id = uid + "-title";
    head.appendChild(title);
    var fresh = el("button", null, "");
    fresh.type = "button";
    head.appendChild(fresh);
    var close = null;
    if (options.onClose) {
      close = el("button", null, "✕");
      close.type = "button";
      close.addEventListener("click", options.onClose);
      head.appendChild(close);
    }
    var log = el("div", "bc-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.tabIndex = 0;
    var typing = el("div", "bc-typing");
    typing.hidden = true;
    typing.setAttribute("aria-hidden", "true");
    var form = el("form", "bc-form");
    var label = el("label", "bc-sr");
    label.htmlFor = uid + "-input";
    var input = el("input", "bc-input");
    input.id = uid + "-input";
    input.type = "text";
    input.autocomplete = "off";
    input.setAttribute("enterkeyhint", "send");
    var send = el("button", "bc-send");
    send.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);
    root.appendChild(head);
    root.appendChild(log);
    root.appendChild(typing);
    root.appendChild(form);
    container.appendChild(root);

    function applyTexts() {
      label.textContent = t("input_label");
      input.placeholder = t("placeholder");
      send.textContent = t("send");
      typing.textContent = t("typing");
      log.setAttribute("aria-label", t("log_label"));
      fresh.textContent = t("new_chat_short") || "+";
      fresh.setAttribute("aria-label", t("new_chat"));
      fresh.title = t("new_chat");
      if (close) close.setAttribute("aria-label", t("close") || "Đóng");
      if (texts.max_text) input.maxLength = texts.max_text;
    }
    applyTexts();

    function keep(item) {
      transcript.push(item);
      if (transcript.length > KEEP) transcript = transcript.slice(-KEEP);
      store.set("transcript", JSON.stringify(transcript));
    }

    function show(node) {
      log.appendChild(node); // whole: the live region announces each message once, finished
      log.scrollTop = log.scrollHeight;
    }

    function userMessage(text) {
      var box = el("div", "bc-msg bc-user");
      box.appendChild(el("span", "bc-who", t("you") + ": "));
      box.appendChild(el("p", null, text));
      return box;
    }

    function systemMessage(text, retry) {
      var box = el("div", "bc-msg bc-system");
      box.appendChild(el("p", null, text));
      if (retry) {
        var again = el("button", "bc-small", t("retry") || "Gửi lại");
        again.type = "button";
        again.addEventListener("click", function () {
          again.disabled = true;
          retry();
        });
        box.appendChild(again);
      }
      return box;
    }

    function choiceButton(label, action, cls) {
      var button = el("button", cls || "bc-choice", label);
      button.type = "button";
      button.addEventListener("click", function () { post({ action: action }, label); });
      return button;
    }

    function quoteBlock(short, whole) {
      var wrap = el("div");
      var quote = el("blockquote", "bc-quote", t("quote") + " “" + short + "”");
      wrap.appendChild(quote);
      if (whole) {
        var toggle = el("button", "bc-small", t("whole_quote_show"));
        toggle.type = "button";
        toggle.setAttribute("aria-expanded", "false");
        toggle.addEventListener("click", function () {
          var open = toggle.getAttribute("aria-expanded") !== "true";
          toggle.setAttribute("aria-expanded", open ? "true" : "false");
          toggle.textContent = open ? t("whole_quote_hide") : t("whole_quote_show");
          quote.textContent = t("quote") + " “" + (open ? whole : short) + "”";
        });
        wrap.appendChild(toggle);
      }
      return wrap;
    }

    function sourceLine(source) {
      var line = el("p", "bc-source");
      line.appendChild(document.createTextNode(t("source") + " "));
      var name = "«" + source.title + "»";
      if (source.url && /^https?:\/\//.test(source.url)) {
        var link = el("a", null, name);
        link.href = source.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        line.appendChild(link);
      } else {
        line.appendChild(document.createTextNode(name));
      }
      if (source.about) line.appendChild(document.createTextNode(" (" + source.about + ")"));
      return line;
    }

    function botMessage(reply) {
      if (!reply || reply.silent) return systemMessage(t("silent"));
      var box = el("div", "bc-msg bc-bot");
      box.appendChild(el("span", "bc-who", t("bot") + ": "));
      if (reply.title) box.appendChild(el("strong", null, reply.title));
      (reply.parts || []).forEach(function (part) { box.appendChild(el("p", null, part)); });
      var wholes = reply.whole_quotes || [];
      (reply.quotes || []).forEach(function (q, i) {
        box.appendChild(quoteBlock(q, wholes.length === (reply.quotes || []).length ? wholes[i] : (i === 0 && wholes.length ? wholes.join("\n") : null)));
      });
      (reply.sources || []).forEach(function (s) { box.appendChild(sourceLine(s)); });
      var suggestions = reply.suggestions || [];
      if (suggestions.length) {
        if (reply.suggestions_heading) box.appendChild(el("p", "bc-heading", reply.suggestions_heading));
        var list = el("div", "bc-choices");
        suggestions.forEach(function (s) { list.appendChild(choiceButton(s.label, s.action)); });
        box.appendChild(list);
      }
      var pages = reply.pages;
      if (pages) {
        var row = el("div", "bc-row");
        row.setAttribute("role", "group");
        row.setAttribute("aria-label", t("pages") + " " + pages.number + "/" + pages.total);
        if (pages.previous) row.appendChild(choiceButton(pages.previous_label, pages.previous, "bc-small"));
        row.appendChild(el("span", "bc-source", pages.number + "/" + pages.total));
        if (pages.next) row.appendChild(choiceButton(pages.next_label, pages.next, "bc-small"));
        box.appendChild(row);
      }
      if (reply.feedback) {
        var rate = el("div", "bc-row");
        rate.setAttribute("role", "group");
        rate.setAttribute("aria-label", t("feedback_question"));
        var buttons = [];
        [["good", "feedback_good_label"], ["bad", "feedback_bad_label"]].forEach(function (pair) {
          var fb = reply.feedback[pair[0]];
          var button = el("button", "bc-small", fb.label);
          button.type = "button";
          button.setAttribute("aria-label", t(pair[1]));
          button.setAttribute("aria-pressed", "false");
          button.addEventListener("click", function () {
            buttons.forEach(function (b) { b.disabled = true; });
            button.setAttribute("aria-pressed", "true");
            post({ action: fb.action }, null);
          });
          buttons.push(button);
          rate.appendChild(button);
        });
        box.appendChild(rate);
      }
      return box;
    }

    function draw(item) {
      if (item.who === "user") return userMessage(item.text);
      if (item.who === "bot") return botMessage(item.reply);
      return systemMessage(item.text);
    }

    function setBusy(value) {
      busy = value;
      send.disabled = value;
      typing.hidden = !value;
      log.setAttribute("aria-busy", value ? "true" : "false");
    }

    function post(body, shownAs) {
      if (busy) return;
      body.conversation = conversation;
      if (shownAs) {
        keep({ who: "user", text: shownAs });
        show(userMessage(shownAs));
      }
      setBusy(true);
      var mine = ++seq;
      fetch(API + "message", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "omit"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { status: response.status, data: data };
        });
      }).then(function (result) {
        if (mine !== seq) return;
        setBusy(false);
        if (result.status === 200 && result.data && result.data.reply) {
          keep({ who: "bot", reply: result.data.reply });
          show(botMessage(result.data.reply));
          return;
        }
        var message = (result.data && result.data.message) || t("failure");
        var retryable = result.status === 503 || result.status === 429;
        show(systemMessage(message, retryable ? function () { post(body, null); } : null));
        if (body.text !== undefined && !input.value) input.value = body.text;
      }).catch(function () {
        if (mine !== seq) return;
        setBusy(false);
        show(systemMessage(t("network_error") || FALLBACK.unreachable, function () { post(body, null); }));
        if (body.text !== undefined && !input.value) input.value = body.text; // nothing typed is lost
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text || busy) return;
      input.value = "";
      post({ text: text }, text);
    });

    function welcome(showIt) {
      return fetch(API + "welcome", { credentials: "omit" }).then(function (response) {
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (data) {
            throw { shown: (data && data.message) || FALLBACK.unreachable };
          });
        }
        return response.json();
      }).then(function (data) {
        texts = data.texts || {};
        texts.max_text = data.max_text;
        if (data.title) title.textContent = data.title;
        applyTexts();
        if (showIt) {
          keep({ who: "bot", reply: data.reply });
          show(botMessage(data.reply));
        }
      }).catch(function (error) {
        show(systemMessage(error && error.shown ? error.shown : FALLBACK.unreachable)); // fetch's own errors say nothing useful
      });
    }

    fresh.addEventListener("click", function () {
      seq++; // a reply still on its way belongs to the old conversation: it is dropped
      setBusy(false);
      conversation = newId();
      store.set("conversation", conversation);
      transcript = [];
      store.remove("transcript");
      while (log.firstChild) log.removeChild(log.firstChild);
      welcome(true);
      input.focus();
    });

    transcript.forEach(function (item) { log.appendChild(draw(item)); });
    log.scrollTop = log.scrollHeight;
    welcome(transcript.length === 0);
    return { focus: function () { input.focus(); }, root: root };
  }

  window.BotChat = { mount: mount, base: BASE };
  var page = document.querySelector("[data-bot-chat=page]");
  if (page) mount(page, {});
})();
