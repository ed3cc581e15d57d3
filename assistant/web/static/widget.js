/* Back pain & running chat widget.
 *
 * Add to any page:
 *   <script src="https://CHAT-HOST/widget.js" data-title="..." data-color="#0f766e"
 *           data-position="right" defer></script>
 *
 * It adds a floating button that opens the chat (the server's /embed/ view) in a panel. Its
 * markup and styles live in a shadow root, so the host page's CSS cannot reach in and the
 * widget's cannot leak out. The frame is created on first open, so pages that never open the
 * chat load nothing more than this file.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__backpainChatWidget) return;
  window.__backpainChatWidget = true;

  var origin = new URL(script.src, window.location.href).origin;
  var title = (script.getAttribute("data-title") || "Back pain & running").slice(0, 80);
  var color = script.getAttribute("data-color") || "#1d4ed8";
  if (!(window.CSS && CSS.supports && CSS.supports("color", color))) color = "#1d4ed8";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";

  var host = document.createElement("div");
  host.setAttribute("data-backpain-chat", "");
  var root = host.attachShadow({ mode: "open" });

  var css = [
    ":host { all: initial; }",
    ".launcher { position: fixed; bottom: 20px; SIDE: 20px; z-index: 2147483000; width: 56px; height: 56px;",
    "  border-radius: 50%; border: none; background: var(--bp-color); color: #fff; cursor: pointer;",
    "  box-shadow: 0 4px 14px rgba(0,0,0,.25); display: flex; align-items: center; justify-content: center; }",
    ".launcher:focus-visible, .close:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }",
    ".launcher svg { width: 28px; height: 28px; fill: currentColor; }",
    ".panel { position: fixed; bottom: 88px; SIDE: 20px; z-index: 2147483001; width: 400px; height: 620px;",
    "  max-width: calc(100vw - 24px); max-height: calc(100vh - 112px); background: #fff; border-radius: 12px;",
    "  box-shadow: 0 8px 30px rgba(0,0,0,.3); display: flex; flex-direction: column; overflow: hidden;",
    "  font: 15px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    ".panel[hidden] { display: none; }",
    "header { display: flex; align-items: center; justify-content: space-between; padding: 8px 8px 8px 14px;",
    "  background: var(--bp-color); color: #fff; }",
    "h2 { font: 600 16px/1.3 inherit; margin: 0; font-family: inherit; }",
    ".close { background: transparent; border: none; color: #fff; font-size: 26px; line-height: 1; width: 40px;",
    "  height: 40px; cursor: pointer; border-radius: 6px; }",
    "iframe { flex: 1; width: 100%; border: 0; }",
    "@media (max-width: 480px) { .panel { inset: 0; width: 100vw; height: 100vh; max-width: none;",
    "  max-height: none; border-radius: 0; } }",
  ].join("\n").replace(/SIDE/g, side);
  // A constructed stylesheet works under host pages whose CSP forbids inline <style>.
  if ("adoptedStyleSheets" in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }
  host.style.setProperty("--bp-color", color);

  var launcher = document.createElement("button");
  launcher.className = "launcher";
  launcher.type = "button";
  launcher.setAttribute("aria-label", "Open chat: " + title);
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "bp-panel");
  var svgNS = "http://www.w3.org/2000/svg"; // built node by node: no innerHTML (Trusted Types)
  var icon = document.createElementNS(svgNS, "svg");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  var bubble = document.createElementNS(svgNS, "path");
  bubble.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
  icon.appendChild(bubble);
  launcher.appendChild(icon);

  var panel = document.createElement("div");
  panel.className = "panel";
  panel.id = "bp-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);

  var header = document.createElement("header");
  var heading = document.createElement("h2");
  heading.textContent = title; // text, never HTML
  var close = document.createElement("button");
  close.className = "close";
  close.type = "button";
  close.setAttribute("aria-label", "Close chat");
  close.textContent = "\u00d7";
  header.appendChild(heading);
  header.appendChild(close);
  panel.appendChild(header);
  root.appendChild(panel);
  root.appendChild(launcher);

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = origin + "/embed/";
      frame.title = "Chat: " + title;
      frame.setAttribute("allow", "clipboard-write");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      frame.addEventListener("load", focusChat);
      panel.appendChild(frame);
    }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "Close chat: " + title);
    focusChat();
  }
  function focusChat() {
    frame.focus();
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: "backpain-widget:focus" }, origin);
  }
  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "Open chat: " + title);
    launcher.focus();
  }
  launcher.addEventListener("click", function () { panel.hidden ? open() : shut(); });
  close.addEventListener("click", shut);
  root.addEventListener("keydown", function (e) { if (e.key === "Escape" && !panel.hidden) shut(); });
  window.addEventListener("message", function (e) {
    if (e.origin === origin && e.data && e.data.type === "backpain-widget:close" && !panel.hidden) shut();
  });

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
