// Complaints: the list by stage, and one complaint moving through 受理 → 判断 → 调查 → 方案 → 实施 → 总结.
(function () {
  'use strict';
  var t = Kefu.t, h = Kefu.h, api = Kefu.api;
  var STAGES = ['registered', 'assessed', 'investigating', 'proposed', 'implemented', 'summarized'];
  var state = { stage: '', id: null };

  function render(root, me) {
    var list = h('tbody', { id: 'complaint-list' });
    var detail = h('section', { className: 'panel', id: 'complaint-detail' }, h('p', { className: 'muted' }, t('pickComplaint')));
    var stage = h('select', { id: 'c-stage', onchange: load }, [h('option', { value: '' }, t('all'))].concat(STAGES.map(function (s) { return h('option', { value: s, selected: s === state.stage }, t('st_' + s)); })));
    function load() {
      state.stage = stage.value;
      return api.get('/api/complaints' + (stage.value ? '?stage=' + stage.value : '')).then(function (body) {
        list.textContent = '';
        body.complaints.forEach(function (c) {
          list.appendChild(h('tr', { id: 'complaint-' + c.id, className: c.id === state.id ? 'current' : '', onclick: function () { open(c.id, detail, me, load); } }, [
            h('td', {}, '#' + c.id), h('td', {}, c.category), h('td', {}, t('st_' + c.stage)), h('td', {}, c.owner_name || ''),
            h('td', {}, c.text.slice(0, 40)), h('td', {}, Kefu.time(c.follow_up_due_at)),
          ]));
        });
      });
    }
    root.appendChild(h('section', { className: 'panel' }, [
      h('div', { className: 'filters' }, [t('stage'), stage]),
      h('table', { className: 'cases' }, [
        h('thead', {}, h('tr', {}, ['#', t('category'), t('stage'), t('owner'), t('description'), t('due')].map(function (c) { return h('th', {}, c); }))),
        list,
      ]),
    ]));
    root.appendChild(detail);
    load().then(function () { if (state.id) open(state.id, detail, me, load); });
  }

  /** The form for the complaint's next stage: what that stage must record. */
  function nextStageForm(c, categories, submit) {
    var at = STAGES.indexOf(c.stage);
    if (at === STAGES.length - 1) return h('p', { className: 'ok-notice' }, t('closedCase'));
    var next = STAGES[at + 1];
    var parts = [h('strong', {}, t('nextStage', { stage: t('st_' + next) }))];
    var fields = {};
    if (next === 'assessed') {
      fields.valid = h('select', { id: 'c-valid' }, [h('option', { value: 'true' }, t('validYes')), h('option', { value: 'false' }, t('validNo'))]);
      fields.severity = h('select', { id: 'c-severity' }, ['high', 'medium', 'low'].map(function (s) { return h('option', { value: s, selected: s === 'medium' }, t('sev' + s[0].toUpperCase() + s.slice(1))); }));
      fields.category = h('select', { id: 'c-category' }, categories.map(function (name) { return h('option', { value: name, selected: name === c.category }, name); }));
      parts.push(h('div', { className: 'row' }, [t('valid'), fields.valid, t('severity'), fields.severity, t('category'), fields.category]));
    } else {
      fields.note = h('textarea', { id: 'c-note', rows: 3, maxLength: 4000 });
      parts.push(h('label', {}, [t('ask_' + next), fields.note]));
    }
    var buttons = [h('button', { type: 'button', id: 'c-next', className: 'primary', onclick: function () {
      submit(next === 'assessed'
        ? { stage: next, valid: fields.valid.value === 'true', severity: fields.severity.value, category: fields.category.value }
        : { stage: next, note: fields.note.value });
    } }, t('moveOn'))];
    // A complaint judged not valid may be closed at once, with its summary.
    if (c.stage === 'assessed' && c.valid === false) {
      buttons.push(h('button', { type: 'button', id: 'c-close-invalid', onclick: function () { submit({ stage: 'summarized', note: fields.note.value }); } }, t('closeInvalid')));
    }
    parts.push(h('div', { className: 'row' }, buttons));
    return h('div', { className: 'form' }, parts);
  }

  function open(id, detail, me, reload) {
    state.id = id;
    document.querySelectorAll('#complaint-list tr').forEach(function (tr) { tr.classList.toggle('current', tr.id === 'complaint-' + id); });
    return Promise.all([api.get('/api/complaints/' + id), api.get('/api/complaints/categories')]).then(function (res) {
      var c = res[0].complaint, history = res[0].history, categories = res[1].categories;
      var error = h('p', { className: 'error', role: 'alert', id: 'c-error' });
      function submit(body) {
        error.textContent = '';
        api.post('/api/complaints/' + id + '/stage', body).then(function () { reload(); open(id, detail, me, reload); })
          .catch(function (e) { error.textContent = api.explain(e) + (e.message ? '（' + e.message + '）' : ''); });
      }
      var at = STAGES.indexOf(c.stage);
      detail.textContent = '';
      detail.append(
        h('h2', {}, '#' + c.id + ' · ' + c.category + ' · ' + (c.nickname || c.channel)),
        h('p', {}, c.text),
        h('ol', { className: 'stages', id: 'c-stages' }, STAGES.map(function (s, i) { return h('li', { className: i < at ? 'done' : i === at ? 'now' : '' }, t('st_' + s)); })),
        h('p', { className: 'muted' }, [t('owner') + '：' + (c.owner_name || t('none')) + ' · ' + t('due') + '：' + Kefu.time(c.follow_up_due_at) + ' ',
          !c.owner ? h('button', { type: 'button', id: 'c-take', onclick: function () { api.post('/api/complaints/' + id + '/owner', {}).then(function () { reload(); open(id, detail, me, reload); }); } }, t('take')) : null]),
        nextStageForm(c, categories, submit),
        error,
        h('ul', { className: 'history', id: 'c-history' }, history.map(function (e) {
          var what = e.kind === 'stage' ? t('st_' + e.fromStage) + ' → ' + t('st_' + e.toStage) : e.kind;
          var said = e.data.investigation || e.data.resolution || e.data.implementation || e.data.lesson || (e.data.category ? e.data.category + ' · ' + (e.data.valid ? t('validYes') : t('validNo')) : '');
          return h('li', {}, Kefu.time(e.createdAt) + ' ' + (e.agentName || '') + ' ' + what + (said ? '：' + said : ''));
        })),
      );
    });
  }

  Kefu.cases.complaints = { render: render };
})();
