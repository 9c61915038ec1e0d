// 交接: the last shift's sheet to acknowledge, every unresolved ticket now with handover notes, and the rota.
(function () {
  'use strict';
  var s = Sup.s, $ = Sup.$, el = Sup.el, api = Kefu.api;

  function notesCell(t) {
    var box = el('div');
    t.notes.forEach(function (n) { box.appendChild(el('div', 'muted', n)); });
    t.handover_notes.forEach(function (n) { box.appendChild(el('div', '', s('handoverNote') + ' · ' + n.agent + '：' + n.text)); });
    var mine = t.agent === Sup.me.username || Sup.isManager();
    if (mine && !t.frozen) {
      var form = el('form', 'note-form');
      var input = el('input');
      input.maxLength = 1000;
      input.placeholder = s('handoverNote');
      input.id = 'handover-note-' + t.id;
      form.appendChild(input);
      form.appendChild(el('button', '', s('addNote')));
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        if (!input.value.trim()) return;
        api.post('/api/handover/notes', { ticketId: t.id, text: input.value.trim() }).then(load).catch(Sup.fail);
      });
      box.appendChild(form);
    }
    return box;
  }

  function sheetTable(table, tickets) {
    Sup.table(table, [s('ticket'), s('status'), s('agent'), s('pending'), s('lastMessage'), s('notes')], tickets.map(function (t) {
      var tr = Sup.row(['#' + t.id + ' · ' + t.tier, s(t.status), t.agent_name || '–', s('pending_' + t.pending), t.last_message || '', notesCell(t)]);
      tr.dataset.id = t.id;
      if (t.sla_breached) tr.classList.add('late');
      return tr;
    }));
  }

  function renderLatest(latest, mustAck) {
    var box = $('handover-latest');
    box.textContent = '';
    if (!latest) { box.appendChild(el('p', 'muted', s('noSheet'))); return; }
    box.appendChild(el('h2', '', s('lastSheet', { shift: latest.shift, time: Sup.time(latest.ended_at) })));
    var ack = el('div', 'ack');
    ack.appendChild(el('span', 'muted', latest.acks.length ? s('acknowledged', { list: latest.acks.map(function (a) { return a.username; }).join('、') }) : s('mustAck')));
    if (mustAck) {
      var button = el('button', 'primary', s('acknowledge'));
      button.id = 'handover-ack';
      button.addEventListener('click', function () { api.post('/api/handover/' + latest.id + '/ack').then(load).catch(Sup.fail); });
      ack.appendChild(button);
    }
    box.appendChild(ack);
    var table = el('table', 'grid');
    table.id = 'handover-sheet';
    sheetTable(table, latest.tickets.map(function (t) { return Object.assign({ frozen: true }, t); }));
    box.appendChild(table);
  }

  function renderRota(agents, shifts) {
    Sup.table($('handover-agents'), [s('agent'), s('tier'), s('shift')], agents.map(function (a) {
      var select = el('select');
      select.appendChild(new Option(s('noShift'), ''));
      shifts.forEach(function (sh) { select.appendChild(new Option(sh.name + ' ' + sh.start + '–' + sh.end, sh.name)); });
      select.value = a.shift || '';
      select.addEventListener('change', function () { api.post('/api/shifts/agents/' + a.id, { shift: select.value || null }).catch(Sup.fail); });
      return [a.displayName, a.tier, select];
    }));
  }

  function load() {
    return Promise.all([api.get('/api/handover'), api.get('/api/shifts'), Sup.isManager() ? api.get('/api/dashboard') : null]).then(function (r) {
      var h = r[0], shifts = r[1];
      renderLatest(h.latest, h.mustAcknowledge);
      $('handover-shift').textContent = h.live.shift || '–';
      sheetTable($('handover-live'), h.live.tickets);
      if (r[2]) renderRota(r[2].agents, shifts.shifts);
    }).catch(Sup.fail);
  }

  Sup.views.handover = { show: load, live: load };
})();
