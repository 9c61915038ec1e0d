// Active announcements (incident mode) as a bar at the top of a console page, refreshed every 30 s.
(function () {
  'use strict';
  function show() {
    var bar = document.getElementById('announce-bar');
    if (!bar) return;
    Kefu.api.get('/api/announcements').then(function (body) {
      bar.textContent = body.announcements.map(function (a) { return '【' + Kefu.t('activeAnnouncement') + '】' + a.title + '：' + a.text; }).join('\n');
      bar.hidden = body.announcements.length === 0;
    }).catch(function () { bar.hidden = true; });
  }
  var timer = null;
  function start() { show(); if (!timer) timer = setInterval(show, 30000); }
  Kefu.announceBar = { start: start, refresh: show };
  // On the desk page (index.html) the bar starts once the agent is signed in and the desk is shown.
  var app = document.getElementById('app');
  if (app) new MutationObserver(function () { if (!app.hidden) start(); }).observe(app, { attributes: true, attributeFilter: ['hidden'] });
})();
