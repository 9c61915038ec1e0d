// The supervisor pages: session, navigation by #hash, one live stream that tells the open view to refresh.
(function () {
  'use strict';
  var api = Kefu.api, s = Sup.s;
  var $ = function (id) { return document.getElementById(id); };
  var current = null;

  Sup.$ = $;
  Sup.isManager = function () { return Sup.me && Sup.me.role !== 'agent'; };
  /** Server time: timers count from the server's clock, not the tablet's. */
  Sup.skew = 0;
  Sup.now = function () { return Date.now() + Sup.skew; };
  Sup.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  Sup.row = function (cells, tag) {
    var tr = document.createElement('tr');
    cells.forEach(function (c) {
      var td = document.createElement(tag || 'td');
      if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? '' : String(c);
      tr.appendChild(td);
    });
    return tr;
  };
  Sup.table = function (table, head, rows) {
    table.textContent = '';
    var thead = document.createElement('thead');
    thead.appendChild(Sup.row(head, 'th'));
    var tbody = document.createElement('tbody');
    rows.forEach(function (r) { tbody.appendChild(r instanceof Node ? r : Sup.row(r)); });
    table.appendChild(thead);
    table.appendChild(tbody);
  };
  Sup.pct = function (x) { return Math.round((x || 0) * 100) + '%'; };
  Sup.time = function (ms) { return ms ? new Date(ms).toLocaleString(Kefu.lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false }) : ''; };
  /** Today in the service time zone is the server's business; the browser's date is a good default for pickers. */
  Sup.today = function () { var d = new Date(Sup.now()); d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 10); };
  Sup.banner = function (text) { $('sup-banner').textContent = text; $('sup-banner').hidden = !text; };
  Sup.fail = function (err) { Sup.banner(api.explain(err)); };

  function route() {
    var name = (location.hash || '').slice(1) || (Sup.isManager() ? 'dashboard' : 'handover');
    if (!Sup.views[name] || (!Sup.isManager() && document.querySelector('[data-view="' + name + '"][data-role="manager"]'))) name = Sup.isManager() ? 'dashboard' : 'handover';
    current = name;
    document.querySelectorAll('.view').forEach(function (v) { v.hidden = v.id !== 'view-' + name; });
    document.querySelectorAll('#sup-nav a').forEach(function (a) { a.classList.toggle('on', a.dataset.view === name); });
    Sup.views[name].show();
  }

  function listen() {
    var source = new EventSource('/api/events');
    var pending = null;
    function onEvent(e) {
      var data = JSON.parse(e.data);
      if (e.type === 'ticket' && data.kind === 'sla_breached' && Sup.isManager()) Sup.banner(s('slaBanner', { id: data.ticketId }));
      if (pending) return;
      // A burst of events (a player typing fast) is one refresh.
      pending = setTimeout(function () {
        pending = null;
        var view = Sup.views[current];
        if (view && view.live) view.live();
      }, 200);
    }
    ['ticket', 'message'].forEach(function (type) { source.addEventListener(type, onEvent); });
  }

  function beat() { api.post('/api/presence').catch(function () {}); }

  Sup.start = function () {
    api.get('/api/me').then(function (session) {
      Sup.me = session.agent;
      api.setCsrf(session.csrfToken);
      $('sup').hidden = false;
      $('sup-me').textContent = session.agent.displayName + ' · ' + s('role_' + session.agent.role);
      document.querySelectorAll('[data-role="manager"]').forEach(function (el) { el.hidden = !Sup.isManager(); });
      Sup.applyWords();
      window.addEventListener('hashchange', route);
      route();
      listen();
      beat();
      setInterval(beat, 30000);
    }).catch(function () { location.href = '/console'; });
  };

  $('sup-lang').addEventListener('click', function () {
    localStorage.setItem('kefu.console.lang', Kefu.lang() === 'zh' ? 'en' : 'zh');
    location.reload();
  });
  $('sup-logout').addEventListener('click', function () { api.post('/api/auth/logout').then(function () { location.href = '/console'; }); });
})();
