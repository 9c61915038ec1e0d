// 回访: due and overdue follow-ups, the script filled in, sent in the player's channel or recorded as a call.
(function () {
  'use strict';
  var t = Kefu.t, h = Kefu.h, api = Kefu.api;
  var state = { id: null };

  function render(root) {
    var list = h('tbody', { id: 'followup-list' });
    var detail = h('section', { className: 'panel', id: 'followup-detail' }, h('p', { className: 'muted' }, t('pickFollowup')));
    function load() {
      return api.get('/api/followups?due').then(function (body) {
        list.textContent = '';
        body.followups.forEach(function (f) {
          list.appendChild(h('tr', { id: 'followup-' + f.id, className: (f.overdue ? 'overdue ' : '') + (f.id === state.id ? 'current' : ''), onclick: function () { open(f.id, detail, load); } }, [
            h('td', {}, '#' + f.id), h('td', {}, t('kind_' + f.kind) + ' #' + (f.complaint || f.ticket || f.bug_report)), h('td', {}, f.nickname || f.channel),
            h('td', {}, Kefu.time(f.due_at) + (f.overdue ? ' · ' + t('overdue') : '')), h('td', {}, t('fu_' + f.status)),
          ]));
        });
      });
    }
    root.appendChild(h('section', { className: 'panel' }, h('table', { className: 'cases' }, [
      h('thead', {}, h('tr', {}, ['#', t('tabFollowups'), t('nickname'), t('due'), t('status')].map(function (c) { return h('th', {}, c); }))),
      list,
    ])));
    root.appendChild(detail);
    load();
  }

  function open(id, detail, reload) {
    state.id = id;
    document.querySelectorAll('#followup-list tr').forEach(function (tr) { tr.classList.toggle('current', tr.id === 'followup-' + id); });
    return Promise.all([api.get('/api/followups/' + id), api.get('/api/followups/scripts')]).then(function (res) {
      var f = res[0].followup;
      var scripts = res[1].scripts.filter(function (s) { return s.kinds.indexOf(f.kind) >= 0; });
      var text = h('textarea', { id: 'fu-text', rows: 4, maxLength: 4000, value: res[0].text });
      var script = h('select', { id: 'fu-script', onchange: function () {
        api.get('/api/followups/' + id + '?script=' + encodeURIComponent(script.value)).then(function (b) { text.value = b.text; });
      } }, scripts.map(function (s) { return h('option', { value: s.id }, s.title); }));
      var message = h('div', { id: 'fu-message' });
      var outcome = h('select', { id: 'fu-outcome' }, ['satisfied', 'unsatisfied', 'unreachable'].map(function (o) { return h('option', { value: o }, t('out_' + o)); }));
      var contact = h('select', { id: 'fu-contact' }, ['channel', 'phone', 'other'].map(function (c) { return h('option', { value: c, selected: c === (f.status === 'contacted' ? 'channel' : 'phone') }, t('ct_' + c)); }));
      var note = h('input', { id: 'fu-note', placeholder: t('noteLabel') });
      var done = f.status === 'done';
      detail.textContent = '';
      detail.append(
        h('h2', {}, t('tabFollowups') + ' #' + f.id + ' · ' + (f.nickname || f.channel) + ' · ' + t('kind_' + f.kind) + ' #' + (f.complaint || f.ticket || f.bug_report)),
        h('p', { className: f.overdue ? 'notice' : 'muted' }, t('due') + '：' + Kefu.time(f.due_at) + (f.overdue ? ' · ' + t('overdue') : '')),
        done ? h('p', { className: 'ok-notice', id: 'fu-done' }, t('out_' + f.outcome) + ' · ' + t('ct_' + f.contact) + (f.note ? ' · ' + f.note : '')) : h('div', { className: 'form' }, [
          h('label', {}, [t('script'), script]),
          text,
          h('div', { className: 'row' }, [h('button', { type: 'button', id: 'fu-send', className: 'primary', onclick: function () {
            message.textContent = '';
            api.post('/api/followups/' + id + '/send', { text: text.value }).then(function () {
              message.appendChild(h('div', { className: 'ok-notice' }, t('sentOk')));
              contact.value = 'channel';
              reload();
            }).catch(function (e) {
              message.appendChild(h('div', { className: 'notice' }, e.code === 'unreachable' ? t('unreachableCall', { reason: e.message }) : api.explain(e)));
            });
          } }, t('sendInChannel'))]),
          message,
          h('div', { className: 'row' }, [t('outcome'), outcome, t('contact'), contact, note, h('button', { type: 'button', id: 'fu-record', onclick: function () {
            api.post('/api/followups/' + id + '/complete', { outcome: outcome.value, contact: contact.value, note: note.value || undefined })
              .then(function () { reload(); open(id, detail, reload); })
              .catch(function (e) { message.textContent = api.explain(e); });
          } }, t('record'))]),
        ]),
      );
    });
  }

  Kefu.cases.followups = { render: render };
})();
