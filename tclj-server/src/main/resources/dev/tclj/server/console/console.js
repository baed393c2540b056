// The TclServer console: sends each command as one WebSocket message (subprotocol
// tclserver.json) and shows the JSON reply: the result, or the error with its errorInfo, and
// what the command printed. Commands are answered in order, so replies match the oldest pending
// command. History with Up/Down (kept for the tab's session); reconnects with a growing delay.
// The token, when the server wants one, comes from the page's address: #token=... (the
// fragment never goes to the server in the page's own request) or ?token=...
"use strict";

(function () {
  const PROTOCOL = "tclserver.json";
  const path = document.querySelector('meta[name="tclserver-websocket"]').content;
  const log = document.getElementById("log");
  const input = document.getElementById("input");
  const form = document.getElementById("form");
  const statusEl = document.getElementById("status");

  function tokenFromAddress() {
    const fromHash = new URLSearchParams(location.hash.replace(/^#/, "")).get("token");
    return fromHash !== null ? fromHash : new URLSearchParams(location.search).get("token");
  }

  function socketUrl() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const token = tokenFromAddress();
    return scheme + "//" + location.host + path + (token ? "?token=" + encodeURIComponent(token) : "");
  }

  // ---- the log
  function element(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function note(text) {
    const e = element("div", "entry note", text);
    log.appendChild(e);
    scrollDown();
  }

  /** Commands sent and not yet answered, oldest first: {entry, waiting}. */
  const pending = [];

  function addCommand(text) {
    const entry = element("div", "entry");
    entry.appendChild(element("pre", "command", text));
    const waiting = element("pre", "pending", "\u2026");
    entry.appendChild(waiting);
    log.appendChild(entry);
    scrollDown();
    return {entry, waiting};
  }

  function showReply(p, reply) {
    p.waiting.remove();
    if (reply.stdout) p.entry.appendChild(element("pre", "stdout", reply.stdout));
    if (reply.stderr) p.entry.appendChild(element("pre", "stderr", reply.stderr));
    if (reply.status === "ok") {
      p.entry.appendChild(element("pre", "result", reply.result));
    } else {
      p.entry.appendChild(element("pre", "error", reply.result));
      const d = element("details", "errorinfo");
      d.appendChild(element("summary", "", "errorInfo" + (reply.errorcode ? " (errorCode " + reply.errorcode + ")" : "")));
      d.appendChild(element("pre", "", reply.errorinfo || ""));
      p.entry.appendChild(d);
    }
    scrollDown();
  }

  // ---- the connection
  let ws = null;
  let delay = 500;
  let everOpened = false;

  function setStatus(cls, text) {
    statusEl.className = "status " + cls;
    statusEl.textContent = text;
  }

  function connect() {
    setStatus("connecting", "connecting");
    ws = new WebSocket(socketUrl(), PROTOCOL);
    ws.onopen = function () {
      delay = 500;
      everOpened = true;
      setStatus("open", "connected");
      note("connected to " + location.host);
    };
    ws.onmessage = function (ev) {
      const p = pending.shift();
      let reply;
      try {
        reply = JSON.parse(ev.data);
      } catch (e) {
        reply = {status: "ok", result: String(ev.data)};
      }
      if (p) showReply(p, reply);
      else showReply(addCommand("(from the server)"), reply);
    };
    ws.onclose = function (ev) {
      // what was sent on this connection will never be answered
      while (pending.length) {
        const p = pending.shift();
        p.waiting.textContent = "(no reply: the connection closed)";
      }
      setStatus("closed", "disconnected, reconnecting");
      const why = ev.reason ? ": " + ev.reason : "";
      note(everOpened ? "connection closed (" + ev.code + why + "); reconnecting in " + delay / 1000 + " s"
                      : "cannot connect (a wrong or missing token, or the server is down); retrying in " + delay / 1000 + " s");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }

  // ---- input and history
  const history = JSON.parse(sessionStorage.getItem("tclserver.history") || "[]");
  let position = history.length;
  let draft = "";

  function run() {
    const text = input.value;
    if (!text.trim()) return;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      note("not connected: the command was not sent");
      return;
    }
    if (history[history.length - 1] !== text) history.push(text);
    while (history.length > 500) history.shift();
    sessionStorage.setItem("tclserver.history", JSON.stringify(history));
    position = history.length;
    draft = "";
    pending.push(addCommand(text));
    ws.send(text);
    input.value = "";
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    run();
    input.focus();
  });

  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) {
      ev.preventDefault();
      run();
      return;
    }
    const before = input.value.substring(0, input.selectionStart);
    const after = input.value.substring(input.selectionEnd);
    if (ev.key === "ArrowUp" && !before.includes("\n") && position > 0) {
      ev.preventDefault();
      if (position === history.length) draft = input.value;
      input.value = history[--position];
    } else if (ev.key === "ArrowDown" && !after.includes("\n") && position < history.length) {
      ev.preventDefault();
      position++;
      input.value = position === history.length ? draft : history[position];
    }
  });

  connect();
})();
