// The agent console: login, queues and my tickets, one ticket at a time, live over SSE, keyboard first.
(function () {
  'use strict';
  var t = Kefu.t, api = Kefu.api, views = Kefu.views;
  var $ = function (id) { return document.getElementById(id); };
  var state = { me: null, tab: 'queue:L1', tickets: [], currentId: null, detail: null, clockSkew: 0, canned: [], cannedIndex: 0 };
  var now = function () { return Date.now() + state.clockSkew; };

  // ---- session
  function start(session) {
    state.me = session.agent;
    api.setCsrf(session.csrfToken);
    state.tab = session.agent.role === 'agent' ? 'queue:' + session.agent.tier : 'queue:L1';
    $('login').hidden = true;
    $('app').hidden = false;
    $('me').textContent = session.agent.displayName + ' · ' + session.agent.role + ' · ' + session.agent.tier;
    $('online').checked = session.agent.online;
    $('faq-link').hidden = session.agent.role === 'agent';
    selectTab(state.tab);
    listen();
    checkChannels();
    setInterval(checkChannels, 30000);
    $('app').dispatchEvent(new CustomEvent('kefu:ready', { detail: session })); // pages for some roles (privacy.js)
  }
  $('login').addEventListener('submit', function (e) {
    e.preventDefault();
    $('login-error').textContent = '';
    api.post('/api/auth/login', { username: $('login-user').value.trim(), password: $('login-pass').value })
      .then(start)
      .catch(function (err) { $('login-error').textContent = err.status === 429 ? t('tooMany') : err.status === 401 ? t('loginFailed') : api.explain(err); });
  });
  $('logout').addEventListener('click', function () { api.post('/api/auth/logout').then(function () { location.reload(); }); });
  $('online').addEventListener('change', function () { api.post('/api/me/presence', { online: $('online').checked }); });
  $('lang').addEventListener('click', function () { Kefu.toggleLanguage(); refreshList(); if (state.detail) showDetail(state.detail); });

  // ---- list
  function selectTab(tab) {
    state.tab = tab;
    document.querySelectorAll('#tabs button').forEach(function (b) { b.classList.toggle('on', b.dataset.tab === tab); });
    refreshList();
  }
  $('tabs').addEventListener('click', function (e) { if (e.target.dataset.tab) selectTab(e.target.dataset.tab); });
  function refreshList() {
    var query = state.tab === 'mine' ? '?status=open&agent=me' : '?status=queued&tier=' + state.tab.split(':')[1];
    return api.get('/api/tickets' + query).then(function (body) {
      state.clockSkew = body.now - Date.now();
      state.tickets = body.tickets;
      views.renderList($('list'), body.tickets, state.currentId, now(), openTicket);
      $('empty').hidden = body.tickets.length > 0;
    });
  }

  // ---- one ticket
  function openTicket(id) {
    if (state.currentId !== id) $('messages').dataset.shown = '';
    state.currentId = id;
    document.querySelectorAll('#list li').forEach(function (li) { li.classList.toggle('current', Number(li.dataset.id) === id); });
    return api.get('/api/tickets/' + id).then(showDetail).catch(showError);
  }
  function showDetail(detail) {
    state.detail = detail;
    var ticket = detail.ticket;
    $('placeholder').hidden = true;
    $('ticket').hidden = false;
    $('t-title').textContent = '#' + ticket.id + ' ' + (ticket.nickname || t('player')) + ' · ' + ticket.channel + ' · ' + ticket.tier;
    $('t-status').textContent = t(ticket.status) + (ticket.agentName ? ' · ' + ticket.agentName : '');
    var mine = ticket.agentId === state.me.id;
    var open = ['queued', 'assigned', 'waiting_player'].indexOf(ticket.status) >= 0;
    var manager = state.me.role !== 'agent';
    $('claim').disabled = ticket.status !== 'queued';
    $('transfer').disabled = !open || !(mine || manager);
    $('resolve').disabled = !open || !(mine || manager);
    $('send').disabled = false;
    views.renderMessages($('messages'), detail.messages, retryDelivery, detail.ticket.id);
    views.renderProfile($('profile'), detail);
    if (Kefu.learnPanel) Kefu.learnPanel.show($('learn'), detail);
    var reach = views.reachText(detail.reachability);
    $('reach').textContent = reach.text;
    $('reach').classList.toggle('no', !reach.ok);
    tickSla();
  }
  /** The open ticket's player row id, for admin pages (privacy.js). */
  Kefu.currentPlayerId = function () { return state.detail ? state.detail.player.id : null; };
  Kefu.reloadTicket = function () { return reload(); };
  function tickSla() {
    if (!state.detail) return;
    var ticket = state.detail.ticket;
    $('t-sla').textContent = views.slaText(ticket, now());
    $('t-sla').className = 'sla ' + views.slaClass(ticket, now());
  }
  function showError(err) { $('composer-error').textContent = api.explain(err); }
  function reload() { return Promise.all([refreshList(), state.currentId ? openTicket(state.currentId) : null]); }

  // ---- actions
  function claim() {
    if (!state.currentId) return;
    $('composer-error').textContent = '';
    api.post('/api/tickets/' + state.currentId + '/claim').then(reload).then(function () { $('reply').focus(); }).catch(function (err) { showError(err); reload(); });
  }
  function next() {
    $('composer-error').textContent = '';
    api.post('/api/tickets/next').then(function (body) {
      state.tab = 'mine';
      selectTab('mine');
      return openTicket(body.ticket.id);
    }).then(function () { $('reply').focus(); }).catch(function (err) { showError(err.status === 404 ? { code: 'queueEmpty' } : err); });
  }
  function resolve() {
    if (!state.currentId || $('resolve').disabled) return;
    api.post('/api/tickets/' + state.currentId + '/resolve').then(reload).catch(showError);
  }
  function retryDelivery(messageId) { api.post('/api/messages/' + messageId + '/retry').then(reload).catch(showError); }
  $('claim').addEventListener('click', claim);
  $('next').addEventListener('click', next);
  $('resolve').addEventListener('click', resolve);

  $('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('reply').value.trim();
    if (!text || !state.currentId) return;
    var note = $('as-note').checked;
    $('send').disabled = true;
    $('composer-error').textContent = '';
    api.post('/api/tickets/' + state.currentId + (note ? '/note' : '/reply'), { text: text })
      .then(function () { $('reply').value = ''; $('as-note').checked = false; return reload(); })
      .catch(showError)
      .then(function () { $('send').disabled = false; });
  });

  // ---- transfer
  $('transfer').addEventListener('click', function () {
    api.get('/api/agents').then(function (body) {
      var select = $('transfer-to');
      select.textContent = '';
      ['L1', 'L2', 'VIP'].forEach(function (tier) { select.appendChild(new Option(t('tier') + ' ' + tier, 'tier:' + tier)); });
      body.agents.filter(function (a) { return a.id !== state.me.id; }).forEach(function (a) {
        select.appendChild(new Option(a.displayName + ' (' + a.tier + (a.online ? ' · ●' : '') + ')', 'agent:' + a.id));
      });
      $('transfer-note').value = '';
      $('transfer-dialog').showModal();
    });
  });
  $('transfer-dialog').addEventListener('close', function () {
    if ($('transfer-dialog').returnValue !== 'ok') return;
    var to = $('transfer-to').value.split(':');
    var body = to[0] === 'tier' ? { tier: to[1] } : { agentId: Number(to[1]) };
    if ($('transfer-note').value.trim()) body.note = $('transfer-note').value.trim();
    api.post('/api/tickets/' + state.currentId + '/transfer', body).then(reload).catch(showError);
  });

  // ---- canned replies
  function openCanned() {
    $('canned').hidden = false;
    $('canned-q').value = '';
    searchCanned();
    $('canned-q').focus();
  }
  function searchCanned() {
    var q = encodeURIComponent($('canned-q').value);
    api.get('/api/canned?q=' + q + (state.currentId ? '&ticketId=' + state.currentId : '')).then(function (body) {
      state.canned = body.canned;
      state.cannedIndex = 0;
      var ul = $('canned-list');
      ul.textContent = '';
      body.canned.forEach(function (c, i) {
        var li = views.el('li', i === 0 ? 'on' : '', c.title);
        li.appendChild(views.el('small', '', c.rendered || c.text));
        li.addEventListener('mousedown', function (e) { e.preventDefault(); useCanned(i); });
        ul.appendChild(li);
      });
    });
  }
  function useCanned(i) {
    var c = state.canned[i];
    if (!c) return;
    $('reply').value = ($('reply').value ? $('reply').value + '\n' : '') + (c.rendered || c.text);
    $('canned').hidden = true;
    $('reply').focus();
  }
  $('canned-open').addEventListener('click', openCanned);
  $('canned-q').addEventListener('input', searchCanned);
  $('canned-q').addEventListener('keydown', function (e) {
    var items = $('canned-list').children;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      state.cannedIndex = Math.max(0, Math.min(items.length - 1, state.cannedIndex + (e.key === 'ArrowDown' ? 1 : -1)));
      Array.prototype.forEach.call(items, function (li, i) { li.classList.toggle('on', i === state.cannedIndex); });
    } else if (e.key === 'Enter') { e.preventDefault(); useCanned(state.cannedIndex); }
    else if (e.key === 'Escape') { $('canned').hidden = true; $('reply').focus(); }
  });
  $('canned-q').addEventListener('blur', function () { setTimeout(function () { $('canned').hidden = true; }, 150); });

  // ---- keyboard
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && document.activeElement === $('reply')) { e.preventDefault(); $('composer').requestSubmit(); return; }
    if (!e.altKey || $('app').hidden) return;
    var action = { KeyC: claim, KeyN: next, KeyR: resolve, KeyK: openCanned }[e.code];
    if (action) { e.preventDefault(); action(); }
  });

  // ---- live
  var pending = null;
  function listen() {
    var source = new EventSource('/api/events');
    function onChange(e) {
      var data = JSON.parse(e.data);
      if (e.type === 'ticket' && data.kind === 'sla_breached' && state.me.role !== 'agent') showBanner(t('slaBreached', { id: data.ticketId }));
      // Bursts (a player typing fast) become one refresh.
      if (pending) return;
      pending = setTimeout(function () {
        pending = null;
        refreshList();
        if (state.currentId && (!data.ticketId || data.ticketId === state.currentId || e.type === 'delivery')) openTicket(state.currentId);
      }, 150);
    }
    ['ticket', 'message', 'delivery'].forEach(function (type) { source.addEventListener(type, onChange); });
  }
  function showBanner(text) { $('banner').textContent = text; $('banner').hidden = false; }
  function checkChannels() {
    fetch('/healthz').then(function (r) { return r.json(); }).then(function (health) {
      var down = Object.keys(health.channels || {}).filter(function (id) { return !health.channels[id].ok; })
        .map(function (id) { return id + (health.channels[id].detail ? '（' + health.channels[id].detail + '）' : ''); });
      if (down.length) showBanner(t('channelDown', { list: down.join('、') }));
      else if ($('banner').textContent.indexOf(t('channelDown', { list: '' })) === 0) $('banner').hidden = true;
    }).catch(function () { showBanner(t('channelDown', { list: 'Kefu' })); });
  }
  setInterval(function () { views.tickList($('list'), now()); tickSla(); }, 1000);

  Kefu.applyLanguage();
  api.get('/api/me').then(start).catch(function () { $('login').hidden = false; $('login-user').focus(); });
})();
