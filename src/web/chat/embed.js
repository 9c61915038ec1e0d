// Kefu web chat for a game page: a button that opens the chat in a frame. Include it with the signed query
// your game server computed (README "Embedding the chat in a game page"):
//   <script src="https://kefu.example.com/chat/embed.js" data-query="uid=…&server=…&ts=…&sig=…" async></script>
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL(script.src).origin;
  var query = script.getAttribute('data-query') || '';
  var label = script.getAttribute('data-label') || '客服';
  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-label', label);
  button.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:10px 16px;border:0;border-radius:20px;background:#1677ff;color:#fff;font:14px sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.2);cursor:pointer';
  var frame = null;
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = base + '/chat' + (query ? '?' + query.replace(/^\?/, '') : '');
      frame.title = label;
      frame.style.cssText = 'position:fixed;right:16px;bottom:64px;z-index:2147483000;width:min(380px,calc(100vw - 32px));height:min(600px,calc(100vh - 96px));border:1px solid #e4e6eb;border-radius:12px;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.2)';
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
  });
  document.body.appendChild(button);
})();
