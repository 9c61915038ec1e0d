// Supervisors see new alerts (a critical bug report, an overdue follow-up) the moment they are raised:
// a bar with the latest one and a link to the cases page's alert list. Agents never get the bar.
(function () {
  'use strict';
  var bar = document.getElementById('alert-bar');
  if (!bar) return;
  var started = false;
  function show() {
    Kefu.api.get('/api/alerts?unseen').then(function (body) {
      bar.textContent = '';
      if (!body.alerts.length) { bar.hidden = true; return; }
      var link = document.createElement('a');
      link.href = '/console/cases.html#alerts';
      link.textContent = Kefu.t('alertsNew', { n: body.alerts.length }) + body.alerts[0].text;
      bar.appendChild(link);
      bar.hidden = false;
    }).catch(function () { bar.hidden = true; });
  }
  function start() {
    if (started) return;
    started = true;
    Kefu.api.get('/api/me').then(function (session) {
      if (session.agent.role === 'agent') return;
      show();
      new EventSource('/api/events').addEventListener('alert', show);
    });
  }
  Kefu.alertBar = { start: start, refresh: show };
  var app = document.getElementById('app');
  if (app) new MutationObserver(function () { if (!app.hidden) start(); }).observe(app, { attributes: true, attributeFilter: ['hidden'] });
})();
