// The player's web chat: send a message, show the bot's replies, and long-poll for what agents write later.
(function () {
  'use strict';
  var I18N = {
    zh: { title: '在线客服', placeholder: '请输入您的问题…', send: '发送', you: '我', bot: '客服助手', agent: '人工客服',
      system: '系统', offline: '网络不稳定，正在重连…', failed: '发送失败，点击重试', welcome: '您好！我是客服助手，请直接描述您的问题，例如“忘记密码怎么办”。需要人工服务请回复“转人工”。' },
    en: { title: 'Support', placeholder: 'Type your question…', send: 'Send', you: 'Me', bot: 'Assistant', agent: 'Agent',
      system: 'System', offline: 'Connection lost, reconnecting…', failed: 'Not sent, tap to retry', welcome: 'Hi! Ask me anything, e.g. "I forgot my password". Reply "human" to reach a person.' },
  };
  var lang = localStorage.getItem('kefu.lang') || (/^zh/i.test(navigator.language) ? 'zh' : 'en');
  var sessionId = localStorage.getItem('kefu.session');
  var anonymousId = sessionId;
  if (!sessionId) {
    // Unguessable: the session id is the only key to this player's history.
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    sessionId = Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
    localStorage.setItem('kefu.session', sessionId);
    anonymousId = sessionId;
  }
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var statusBar = document.getElementById('status');
  var cursor = 0;
  var shown = {};

  function t(key) { return I18N[lang][key]; }
  function applyLanguage() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    input.placeholder = t('placeholder');
    document.getElementById('lang').textContent = lang === 'zh' ? 'EN' : '中文';
    document.title = t('title');
  }
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('kefu.lang', lang);
    applyLanguage();
  });

  function bubble(from, text, id) {
    if (id && shown[id]) return shown[id];
    var el = document.createElement('div');
    el.className = 'msg ' + from;
    if (from !== 'player') {
      var who = document.createElement('span');
      who.className = 'who';
      who.textContent = t(from === 'agent' ? 'agent' : from === 'system' ? 'system' : 'bot');
      el.appendChild(who);
    }
    el.appendChild(document.createTextNode(text));
    if (id) { shown[id] = el; el.dataset.id = id; cursor = Math.max(cursor, id); }
    if (from !== 'player' && /1-5/.test(text)) el.appendChild(ratingButtons());
    log.appendChild(el);
    log.scrollTop = log.scrollHeight;
    return el;
  }
  function ratingButtons() {
    var box = document.createElement('div');
    box.className = 'rating';
    [1, 2, 3, 4, 5].forEach(function (n) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = n + '★';
      b.addEventListener('click', function () { box.remove(); send(String(n)); });
      box.appendChild(b);
    });
    return box;
  }

  function send(text) {
    var mine = bubble('player', text);
    mine.classList.add('pending');
    var clientMessageId = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    function attempt() {
      fetch('/webchat/api/messages', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: sessionId, text: text, clientMessageId: clientMessageId }),
      }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok) throw new Error(res.body.error || 'error');
          mine.classList.remove('pending', 'failed');
          res.body.replies.forEach(function (r) { bubble('bot', r.text, r.id); });
        })
        .catch(function () {
          mine.classList.add('failed');
          mine.title = t('failed');
          mine.onclick = function () { mine.onclick = null; attempt(); };
        });
    }
    attempt();
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    input.style.height = '';
    send(text);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
  });
  input.addEventListener('input', function () { input.style.height = ''; input.style.height = input.scrollHeight + 'px'; });

  function poll() {
    fetch('/webchat/api/messages?sessionId=' + encodeURIComponent(sessionId) + '&after=' + cursor)
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (body) {
        statusBar.hidden = true;
        body.messages.forEach(function (m) { bubble(m.from, m.text, m.id); });
        setTimeout(poll, 50);
      })
      .catch(function () {
        statusBar.textContent = t('offline');
        statusBar.hidden = false;
        setTimeout(poll, 3000);
      });
  }

  /**
   * Opened from the game with a signed link (uid, server, role, nickname, vip, ts, sig): the player's own
   * session, the same on every device. A forged or expired link chats as an anonymous visitor.
   */
  function enter() {
    var query = new URLSearchParams(location.search);
    if (!query.get('sig')) return Promise.resolve();
    var params = {};
    query.forEach(function (v, k) { params[k] = v; });
    return fetch('/webchat/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ params: params }) })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) { sessionId = body && body.sessionId ? body.sessionId : anonymousId; })
      .catch(function () { sessionId = anonymousId; });
  }

  applyLanguage();
  enter().then(function () { return fetch('/webchat/api/messages?sessionId=' + encodeURIComponent(sessionId)); })
    .then(function (r) { return r.json(); })
    .then(function (body) {
      if (!body.messages.length) bubble('bot', t('welcome'));
      body.messages.forEach(function (m) { bubble(m.from, m.text, m.id); });
    })
    .catch(function () { bubble('bot', t('welcome')); })
    .then(poll);
})();
