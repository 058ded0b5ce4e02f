/*
 * Chat widget for the office's website. One line on any page adds it:
 *   <script src="https://BOT-HOST/widget.js" defer></script>
 * It talks to the API on the host it was loaded from. Plain JavaScript, no framework; its markup and styles
 * live in a shadow root so the page's CSS cannot break it (and it cannot break the page). Text from the
 * server is only ever shown with textContent / text nodes: nothing in this file writes HTML.
 * Served by bot/channels/web.py (`widget_js`), which fills in CONFIG.
 */
(function () {
  "use strict";
  if (window.__officeChatWidget) return; // the tag pasted twice
  window.__officeChatWidget = true;

  // The server replaces the object below with the office's texts from knowledge/ (settings and replies).
  var CONFIG = /*CONFIG*/{}/*END*/;
  var TEXT = {
    bubble: "สวัสดีค่ะ ติดต่อสอบถามข้อมูลได้ที่นี่ค่ะ",
    dialog: "แชทถาม-ตอบ",
    subtitle: "ระบบตอบอัตโนมัติ · ส่งต่อเจ้าหน้าที่ได้",
    close: "ปิดหน้าต่างแชท",
    inputLabel: "พิมพ์คำถามของคุณ",
    placeholder: "พิมพ์คำถามที่นี่…",
    send: "ส่ง",
    sendLabel: "ส่งข้อความ",
    offline: "ไม่สามารถเชื่อมต่อได้ กรุณาลองใหม่อีกครั้งค่ะ",
    handedOver: "ส่งต่อเจ้าหน้าที่แล้ว",
    ticket: "เรื่องที่ #",
    typing: "กำลังตอบ",
    unread: "มีคำตอบใหม่จากเจ้าหน้าที่",
  };
  var ASK_STAFF = "__ask_staff__";
  var SESSION_ID = /^[0-9a-f]{32}$/;
  var POLL_OPEN_MS = 4000; // while the panel is open
  var POLL_WAITING_MS = 15000; // while closed but a question waits for staff
  var TIMEOUT_MS = 20000;
  var FONT = '"Sarabun", "Noto Sans Thai", "Leelawadee UI", "Tahoma", sans-serif';

  var script = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  var base = new URL(".", script ? script.src : location.href);
  var storageKey = "office-chat:" + base.href;

  var saved = readState();
  var sid = SESSION_ID.test(saved.sid || "") ? saved.sid : null;
  var lastSeen = Number.isSafeInteger(saved.last) ? saved.last : 0; // highest id shown while open
  var cursor = 0; // highest id fetched; 0 first, so a new page rebuilds the history
  var seen = new Set(); // ids already on screen (the reply to a send is shown before a poll brings it)
  var waiting = new Set(); // tickets handed to staff and not answered yet
  var isOpen = false;
  var busy = false;
  var polling = false;
  var timer = 0;

  var CSS = [
    ":host { all: initial; }",
    "@media print { :host { display: none; } }",
    "[hidden] { display: none !important; }",
    ".root { font-family: " + FONT + "; font-size: 16px; line-height: 1.5; color: #1f2933; }",
    ".root *, .root *::before, .root *::after { box-sizing: border-box; }",
    "button, input { font: inherit; color: inherit; }",
    ":focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }",
    ".sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;" +
      " clip: rect(0 0 0 0); white-space: nowrap; border: 0; }",
    ".bubble { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; align-items: center;" +
      " gap: 10px; max-width: calc(100vw - 40px); padding: 12px 20px 12px 14px; border: 0; border-radius: 999px;" +
      " background: #1d4f91; color: #fff; font-size: 16px; cursor: pointer; text-align: left;" +
      " box-shadow: 0 6px 20px rgba(16, 42, 80, 0.35); }",
    ".bubble:hover { background: #163e73; }",
    ".bubble svg { flex: none; width: 28px; height: 28px; }",
    ".dot { position: absolute; top: 2px; right: 6px; width: 14px; height: 14px; border-radius: 50%;" +
      " background: #d93025; border: 2px solid #fff; }",
    ".panel { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; flex-direction: column;" +
      " width: 380px; height: min(640px, calc(100vh - 40px)); background: #fff; border-radius: 16px; overflow: hidden;" +
      " box-shadow: 0 12px 40px rgba(16, 42, 80, 0.35); }",
    ".head { display: flex; align-items: center; gap: 12px; padding: 12px 12px 12px 16px; background: #1d4f91; color: #fff; }",
    ".head .titles { flex: 1; min-width: 0; }",
    ".head .title { margin: 0; font-size: 17px; font-weight: 700; line-height: 1.3; }",
    ".head .sub { font-size: 13px; opacity: 0.9; }",
    ".icon-btn { flex: none; display: grid; place-items: center; width: 40px; height: 40px; padding: 0; border: 0;" +
      " border-radius: 50%; background: transparent; color: inherit; cursor: pointer; }",
    ".icon-btn:hover { background: rgba(255, 255, 255, 0.15); }",
    ".icon-btn svg { width: 22px; height: 22px; }",
    ".scroll { position: relative; flex: 1; overflow-y: auto; padding: 16px 12px 8px; background: #f5f7fa; }",
    ".log { display: flex; flex-direction: column; gap: 10px; }",
    ".msg { max-width: 88%; }",
    ".msg .text { padding: 9px 13px; border-radius: 14px; white-space: pre-line; overflow-wrap: anywhere; }",
    ".msg.bot, .msg.staff { align-self: flex-start; }",
    ".msg.bot .text { background: #fff; border: 1px solid #dde3ea; border-bottom-left-radius: 4px; }",
    ".msg.user { align-self: flex-end; }",
    ".msg.user .text { background: #1d4f91; color: #fff; border-bottom-right-radius: 4px; }",
    ".msg.staff .text { background: #e9f6ec; border: 1px solid #9fd3ad; border-bottom-left-radius: 4px; }",
    ".msg a { color: inherit; text-decoration: underline; }",
    ".label { margin: 0 0 3px 4px; font-size: 13px; font-weight: 700; color: #1e6b34; }",
    ".badge { display: inline-block; margin: 6px 0 0 4px; padding: 2px 10px; border-radius: 999px;" +
      " background: #fff4e0; color: #7a4100; border: 1px solid #f0c27a; font-size: 13px; }",
    ".note { margin: 8px 0 2px 4px; font-size: 13px; color: #52606d; }",
    ".choices { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; margin-top: 6px; }",
    ".choice { padding: 6px 12px; border: 1px solid #1d4f91; border-radius: 14px; background: #fff; color: #1d4f91;" +
      " font-size: 15px; text-align: left; cursor: pointer; }",
    ".choice:hover { background: #e8f0fb; }",
    ".choice.staff { border-color: #1e6b34; color: #1e6b34; }",
    ".typing { margin: 10px 0 0; padding-left: 4px; font-size: 14px; color: #52606d; }",
    ".typing span { animation: blink 1.2s infinite; }",
    ".typing span:nth-child(2) { animation-delay: 0.2s; } .typing span:nth-child(3) { animation-delay: 0.4s; }",
    "@keyframes blink { 0%, 80%, 100% { opacity: 0.2; } 40% { opacity: 1; } }",
    "@media (prefers-reduced-motion: reduce) { .typing span { animation: none; } }",
    ".error { margin: 0; padding: 8px 14px; background: #fdecea; color: #8a1c13; font-size: 14px; border-top: 1px solid #f5c2bd; }",
    ".error:empty { display: none; }",
    ".form { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #dde3ea; background: #fff; }",
    ".form input { flex: 1; min-width: 0; padding: 10px 12px; border: 1px solid #9aa5b1; border-radius: 10px; font-size: 16px; }",
    ".form input:focus-visible { outline: 2px solid #1d4f91; outline-offset: 0; border-color: #1d4f91; }",
    ".send { display: flex; align-items: center; gap: 6px; padding: 0 16px; border: 0; border-radius: 10px;" +
      " background: #1d4f91; color: #fff; cursor: pointer; }",
    ".send:hover { background: #163e73; }",
    ".send svg { width: 18px; height: 18px; }",
    "@media (max-width: 480px) {",
    "  .bubble { right: 12px; bottom: 12px; max-width: calc(100vw - 24px); padding: 10px 16px 10px 12px; font-size: 15px; }",
    "  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }",
    "}",
  ].join("\n");

  var ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    close: "M6 6l12 12M18 6L6 18",
    send: "M3 11l18-8-8 18-2-8-8-2z",
  };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", name === "close" ? "none" : "currentColor");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2");
    path.setAttribute("stroke-linecap", "round");
    path.setAttribute("stroke-linejoin", "round");
    svg.appendChild(path);
    return svg;
  }

  /* ---- markup ---- */
  var host = el("div", { id: "office-chat-widget" });
  var shadow = host.attachShadow({ mode: "open" });
  var unreadDot = el("span", { class: "dot", hidden: "" });
  var unreadText = el("span", { class: "sr-only", text: "" });
  var bubble = el("button", {
    type: "button", class: "bubble", "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "chat-panel",
  }, [icon("chat"), el("span", { text: TEXT.bubble }), unreadText, unreadDot]);
  var closeButton = el("button", { type: "button", class: "icon-btn", "aria-label": TEXT.close }, [icon("close")]);
  var log = el("div", { class: "log", role: "log", "aria-live": "polite" });
  var typing = el("p", { class: "typing", "aria-hidden": "true", hidden: "" }, [
    document.createTextNode(TEXT.typing), el("span", { text: "." }), el("span", { text: "." }), el("span", { text: "." }),
  ]);
  var scroller = el("div", { class: "scroll" }, [log, typing]);
  var errorBox = el("p", { class: "error", role: "alert" });
  var input = el("input", {
    id: "chat-input", type: "text", autocomplete: "off", enterkeyhint: "send",
    maxlength: String(CONFIG.maxChars || 2000), placeholder: TEXT.placeholder,
  });
  var form = el("form", { class: "form", novalidate: "" }, [
    el("label", { for: "chat-input", class: "sr-only", text: TEXT.inputLabel }),
    input,
    el("button", { type: "submit", class: "send", "aria-label": TEXT.sendLabel }, [
      icon("send"), el("span", { text: TEXT.send }),
    ]),
  ]);
  var panel = el("div", {
    id: "chat-panel", class: "panel", role: "dialog", hidden: "",
    "aria-label": (TEXT.dialog + " " + (CONFIG.title || "")).trim(),
  }, [
    el("div", { class: "head" }, [
      el("div", { class: "titles" }, [
        el("p", { class: "title", text: CONFIG.title || TEXT.dialog }),
        el("div", { class: "sub", text: TEXT.subtitle }),
      ]),
      closeButton,
    ]),
    scroller,
    errorBox,
    form,
  ]);
  var root = el("div", { class: "root", lang: "th" }, [bubble, panel]);

  if (shadow.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet(); // not subject to the page's style-src CSP, unlike a <style> element
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(el("style", { text: CSS }));
  }
  shadow.appendChild(root);

  /* ---- rendering ---- */
  function appendText(node, text) {
    // Plain text with web addresses made into links; only http(s) addresses can become an href.
    var pattern = /https?:\/\/[\w\-.~:/?#[\]@!$&()*+,;=%]+/g; // ASCII only: Thai text may follow without a space
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var url = match[0].replace(/[)\].,;:!?]+$/, "");
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      node.appendChild(el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: url }));
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function shownReply(m) {
    // A clarify reply lists the questions as "1. ..." lines for text-only channels; here they are buttons.
    if (m.status !== "clarify" || !m.suggestions) return m.text;
    var listed = m.suggestions.map(function (q, i) { return i + 1 + ". " + q; });
    return m.text.split("\n").filter(function (line) { return listed.indexOf(line) < 0; }).join("\n");
  }

  function choiceButton(label, id, extraClass) {
    var button = el("button", { type: "button", class: "choice" + (extraClass ? " " + extraClass : ""), text: label });
    button.addEventListener("click", function () { send({ choice: id }, label); });
    return button;
  }

  /** One message: {author: "user"|"bot"|"staff", text, status, ticket, suggestions, suggestion_ids, ask_staff_label}. */
  function render(m) {
    var row = el("div", { class: "msg " + m.author });
    if (m.author === "staff") {
      var about = m.ticket ? " · " + TEXT.ticket + m.ticket : "";
      row.appendChild(el("p", { class: "label", text: (CONFIG.staffLabel || "") + about }));
    }
    var text = el("div", { class: "text" });
    appendText(text, m.author === "bot" ? shownReply(m) : m.text);
    row.appendChild(text);
    if (m.author === "bot" && m.status === "escalated" && m.ticket) {
      row.appendChild(el("div", { class: "badge", text: TEXT.handedOver + " · " + TEXT.ticket + m.ticket }));
      waiting.add(m.ticket);
    }
    if (m.author === "staff" && m.ticket) waiting.delete(m.ticket);
    // Buttons come with a fresh reply only: messages fetched from the history carry no suggestions.
    // The server sends ask_staff_label with every reply but a handover (Decision.offers_staff).
    var ids = m.suggestion_ids || [];
    if (ids.length || m.ask_staff_label) {
      if (ids.length && m.status !== "clarify" && CONFIG.followUpNote) {
        row.appendChild(el("p", { class: "note", text: CONFIG.followUpNote }));
      }
      var choices = el("div", { class: "choices", role: "group", "aria-label": CONFIG.followUpNote || "" });
      ids.forEach(function (id, i) { choices.appendChild(choiceButton(m.suggestions[i], id)); });
      if (m.ask_staff_label) choices.appendChild(choiceButton(m.ask_staff_label, ASK_STAFF, "staff"));
      row.appendChild(choices);
    }
    log.appendChild(row);
    scrollToEnd();
    return row;
  }

  function scrollToEnd() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  /** Scroll down, but not past the top of ``row``: a long answer is read from its question down. */
  function revealFrom(row) {
    scroller.scrollTop = Math.min(scroller.scrollHeight - scroller.clientHeight, row.offsetTop - 8);
  }

  function setError(text) {
    errorBox.textContent = text || "";
  }

  function setUnread(on) {
    unreadDot.hidden = !on;
    unreadText.textContent = on ? " (" + TEXT.unread + ")" : "";
  }

  /* ---- state kept across page loads ---- */
  function readState() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || "{}") || {};
    } catch (e) {
      return {}; // storage blocked or garbled: start a new conversation
    }
  }

  function saveState() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({ sid: sid, last: lastSeen, open: isOpen }));
    } catch (e) {
      // storage blocked (private mode, policy): the chat still works for this page view
    }
  }

  /* ---- talking to the server ---- */
  function call(method, path, body) {
    var controller = new AbortController();
    var timeout = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(new URL(path, base), {
      method: method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: "omit",
      cache: "no-store",
      signal: controller.signal,
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        return { ok: response.ok, status: response.status, data: data || {} };
      });
    }).finally(function () { clearTimeout(timeout); });
  }

  /** Send a typed message or a tapped choice; on failure the typed text goes back into the box. */
  function send(payload, shown, restore) {
    if (busy) return;
    busy = true;
    setError("");
    var row = render({ author: "user", text: shown });
    typing.hidden = false;
    scrollToEnd();
    var fail = function (text) {
      row.remove();
      if (restore) restore();
      setError(text);
    };
    call("POST", "api/chat", Object.assign({ session_id: sid || undefined }, payload)).then(function (result) {
      var data = result.data;
      if (!result.ok) {
        if (data.code === "bad_session_id") sid = null;
        fail(data.reply || CONFIG.errorText || TEXT.offline);
        return;
      }
      sid = data.session_id;
      (data.message_ids || []).forEach(function (id) { seen.add(id); });
      render({
        author: "bot", text: data.reply, status: data.status, ticket: data.ticket, suggestions: data.suggestions,
        suggestion_ids: data.suggestion_ids, ask_staff_label: data.ask_staff_label,
      });
      revealFrom(row);
    }, function () {
      fail(TEXT.offline);
    }).finally(function () {
      busy = false;
      typing.hidden = true;
      saveState();
      poll(); // staff answers that came while the person was away, and a fresh poll timer
    });
  }

  /** Fetch messages after the cursor: the whole history on a new page, then staff answers (and other tabs). */
  function poll() {
    clearTimeout(timer);
    if (!sid || polling || busy) {
      schedule();
      return;
    }
    polling = true;
    call("GET", "api/chat/" + sid + "/messages?after=" + cursor).then(function (result) {
      if (!result.ok || busy) return; // a send started meanwhile: its reply is shown by send, poll again later
      (result.data.messages || []).forEach(function (m) {
        cursor = Math.max(cursor, m.id);
        if (seen.has(m.id)) return;
        seen.add(m.id);
        render(m);
        if (m.author === "staff" && !isOpen && m.id > lastSeen) setUnread(true);
      });
      if (isOpen) lastSeen = cursor;
      saveState();
    }, function () {
      // a background poll that fails is tried again on the next tick; sending shows connection errors
    }).finally(function () {
      polling = false;
      schedule();
    });
  }

  function schedule() {
    clearTimeout(timer);
    if (!sid || document.hidden) return;
    var delay = isOpen ? POLL_OPEN_MS : waiting.size ? POLL_WAITING_MS : 0;
    if (delay) timer = setTimeout(poll, delay);
  }

  /* ---- opening and closing ---- */
  function openPanel(focusInput) {
    isOpen = true;
    panel.hidden = false;
    bubble.hidden = true;
    bubble.setAttribute("aria-expanded", "true");
    setUnread(false);
    lastSeen = cursor;
    saveState();
    scrollToEnd();
    if (focusInput) input.focus();
    poll();
  }

  function closePanel() {
    isOpen = false;
    panel.hidden = true;
    bubble.hidden = false;
    bubble.setAttribute("aria-expanded", "false");
    saveState();
    bubble.focus();
    schedule();
  }

  bubble.addEventListener("click", function () { openPanel(true); });
  closeButton.addEventListener("click", closePanel);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.stopPropagation();
      closePanel();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    send({ message: text }, text, function () {
      if (!input.value) input.value = text;
    });
  });
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) clearTimeout(timer);
    else if (isOpen || waiting.size) poll();
  });

  function start() {
    document.body.appendChild(host);
    if (CONFIG.welcome) render({ author: "bot", text: CONFIG.welcome.reply, status: "smalltalk",
      suggestions: CONFIG.welcome.suggestions, suggestion_ids: CONFIG.welcome.suggestion_ids,
      ask_staff_label: CONFIG.welcome.ask_staff_label });
    if (saved.open) openPanel(false);
    else poll();
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
