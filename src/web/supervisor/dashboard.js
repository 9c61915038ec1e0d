// 看板: queues per tier, first replies late or about to be, agents online with their load, today's figures. Live.
(function () {
  'use strict';
  var s = Sup.s, $ = Sup.$, el = Sup.el;
  var data = null;
  var timer = null;

  function card(id, label, value, sub, late) {
    var c = el('div', 'card' + (late ? ' late' : ''));
    c.id = id;
    c.appendChild(el('div', 'label', label));
    c.appendChild(el('div', 'value', value));
    if (sub) c.appendChild(el('div', 'sub', sub));
    return c;
  }

  function slaList(ul, items, late) {
    ul.textContent = '';
    items.forEach(function (t) {
      var left = Math.round((t.due_at - Sup.now()) / 1000);
      var li = el('li', late ? 'late' : 'warn');
      li.dataset.id = t.id;
      li.appendChild(el('span', '', '#' + t.id + ' · ' + t.tier + ' · ' + (t.player || s('player')) + (t.agent ? ' · ' + t.agent : '')));
      li.appendChild(el('span', 'left', left <= 0 ? s('lateBy', { t: Sup.duration(-left) }) : s('dueIn', { t: Sup.duration(left) })));
      ul.appendChild(li);
    });
  }

  function render() {
    if (!data) return;
    var q = $('dash-queues');
    q.textContent = '';
    data.queues.forEach(function (x) {
      var wait = x.oldest_wait_s + Math.round((Sup.now() - data.now) / 1000);
      q.appendChild(card('dash-queue-' + x.tier, s('queue', { tier: x.tier }), x.length, x.length ? s('oldestWait', { wait: Sup.duration(wait) }) : '', false));
    });
    // A ticket that fell due since the last read moves to the late list on the next second's tick.
    var sla = data.sla.breaching.concat(data.sla.soon);
    var late = sla.filter(function (x) { return x.due_at <= Sup.now(); });
    q.appendChild(card('dash-breaching-count', s('slaBreaching'), late.length, '', late.length > 0));
    var t = data.today, d = $('dash-today');
    d.textContent = '';
    d.appendChild(card('dash-messages-in', s('messagesIn'), t.messages.in, s('messagesOut') + ' ' + t.messages.out));
    d.appendChild(card('dash-conversations', s('conversations'), t.conversations));
    d.appendChild(card('dash-bot', s('botAnswered'), t.bot.answered, s('deflection') + ' ' + Sup.pct(t.bot.deflection)));
    d.appendChild(card('dash-handoffs', s('handoffs'), t.handoffs, s('ticketsOpen') + ' ' + t.tickets.open));
    d.appendChild(card('dash-csat', s('csat'), t.csat.n ? t.csat.mean.toFixed(2) : '–', s('csatN', { n: t.csat.n })));
    slaList($('dash-breaching'), late, true);
    slaList($('dash-soon'), sla.filter(function (x) { return x.due_at > Sup.now(); }), false);
    $('dash-online').textContent = data.online;
    var body = $('dash-agents');
    body.textContent = '';
    data.agents.forEach(function (a) {
      var status = el('span', '', a.online ? s('online') : s('offline'));
      status.prepend(el('i', 'dot' + (a.online ? ' on' : '')));
      var load = el('span');
      var meter = el('span', 'meter' + (a.load >= a.capacity ? ' full' : ''));
      var fill = el('i');
      fill.style.width = Math.min(100, (a.load / a.capacity) * 100) + '%';
      meter.appendChild(fill);
      load.appendChild(meter);
      load.appendChild(document.createTextNode(a.load + '/' + a.capacity));
      var tr = Sup.row([a.displayName + ' · ' + s('role_' + a.role), a.tier, a.shift || '–', status, load]);
      tr.id = 'dash-agent-' + a.id;
      tr.dataset.online = a.online ? '1' : '0';
      body.appendChild(tr);
    });
  }

  function load() {
    return Kefu.api.get('/api/dashboard').then(function (body) {
      Sup.skew = body.now - Date.now();
      data = body;
      render();
    }).catch(Sup.fail);
  }

  Sup.views.dashboard = {
    show: function () {
      load();
      clearInterval(timer);
      var ticks = 0;
      // Count down every second; re-read every 15 s so tickets falling late show without any event.
      timer = setInterval(function () {
        if ($('view-dashboard').hidden) return clearInterval(timer);
        ticks += 1;
        if (ticks % 15 === 0) load(); else render();
      }, 1000);
    },
    live: load,
  };
})();
