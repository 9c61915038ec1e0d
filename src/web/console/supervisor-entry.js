// The desk's door to the supervisor's side: a header link to the dashboard (managers) or to the handover
// sheet and spot checks (agents), a presence heartbeat, and the incoming shift's handover banner.
(function () {
  'use strict';
  var app = document.getElementById('app');
  var zh = function () { return Kefu.lang() === 'zh'; };
  var started = false;

  function link(href, zhText, enText) {
    var a = document.createElement('a');
    a.href = href;
    a.className = 'desk-link';
    a.id = 'to-supervisor';
    a.textContent = zh() ? zhText : enText;
    a.style.cssText = 'color:#fff;text-decoration:none;padding:4px 10px;';
    document.querySelector('.bar .grow').after(a);
  }

  function start() {
    if (started) return;
    started = true;
    Kefu.api.get('/api/me').then(function (session) {
      var manager = session.agent.role !== 'agent';
      link(manager ? '/console/supervisor#dashboard' : '/console/supervisor#handover', manager ? '主管台 · 看板' : '交接与抽检', manager ? 'Supervisor dashboard' : 'Handover & checks');
      var beat = function () {
        Kefu.api.post('/api/presence').then(function (r) {
          var box = document.getElementById('online');
          if (box && box.checked && !r.online) box.checked = false; // timed out while the laptop slept
        }).catch(function () {});
      };
      beat();
      setInterval(beat, 30000);
      Kefu.api.get('/api/handover').then(function (h) {
        if (!h.mustAcknowledge) return;
        var banner = document.getElementById('banner');
        banner.textContent = (zh() ? '上一班（' + h.latest.shift + '）交接了 ' + h.latest.tickets.length + ' 个未结工单，请阅读并确认：' : 'The last shift (' + h.latest.shift + ') handed over ' + h.latest.tickets.length + ' unresolved tickets; read and acknowledge: ');
        var a = document.createElement('a');
        a.href = '/console/supervisor#handover';
        a.textContent = zh() ? '查看交接表' : 'Open the handover sheet';
        banner.appendChild(a);
        banner.hidden = false;
      });
    }).catch(function () {});
  }

  new MutationObserver(function () { if (!app.hidden) start(); }).observe(app, { attributes: true, attributeFilter: ['hidden'] });
  if (!app.hidden) start();
})();
