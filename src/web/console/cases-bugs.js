// The bug board: incidents with filters and export; one incident's reports, status, merge and split.
(function () {
  'use strict';
  var t = Kefu.t, h = Kefu.h, api = Kefu.api;
  var SEVERITIES = ['critical', 'major', 'minor'];
  var STATUSES = ['new', 'confirmed', 'sent', 'fixed', 'wontfix'];
  var state = { filters: {}, incidentId: null };

  function options(values, prefix, selected) {
    return [h('option', { value: '' }, t('all'))].concat(values.map(function (v) { return h('option', { value: v, selected: v === selected }, t(prefix + v)); }));
  }
  function query() {
    var f = state.filters;
    return Object.keys(f).filter(function (k) { return f[k]; }).map(function (k) { return k + '=' + encodeURIComponent(f[k]); }).join('&');
  }

  function render(root) {
    var list = h('tbody', { id: 'incident-list' });
    var detail = h('section', { className: 'panel', id: 'incident-detail' }, h('p', { className: 'muted' }, t('pickIncident')));
    var f = state.filters;
    var inputs = {
      severity: h('select', { id: 'f-severity' }, options(SEVERITIES, 'sev_', f.severity)),
      status: h('select', { id: 'f-status' }, options(STATUSES, 'bug_', f.status)),
      server: h('input', { id: 'f-server', placeholder: t('server'), value: f.server || '' }),
      device: h('input', { id: 'f-device', placeholder: t('device'), value: f.device || '' }),
      from: h('input', { id: 'f-from', type: 'date', value: f.from || '' }),
      to: h('input', { id: 'f-to', type: 'date', value: f.to || '' }),
    };
    var csv = h('a', { id: 'export-csv', className: 'button' }, t('exportCsv'));
    var json = h('a', { id: 'export-json', className: 'button' }, t('exportJson'));
    function load() {
      Object.keys(inputs).forEach(function (k) { state.filters[k] = inputs[k].value.trim(); });
      csv.href = '/api/bugs/export?format=csv&' + query();
      json.href = '/api/bugs/export?format=json&' + query();
      // Incidents that hold a report matching the filters, newest first.
      return api.get('/api/bugs?' + query()).then(function (body) {
        var ids = {};
        body.bugs.forEach(function (b) { ids[b.incident] = true; });
        return api.get('/api/incidents').then(function (r) {
          list.textContent = '';
          r.incidents.filter(function (i) { return ids[i.id]; }).forEach(function (i) {
            list.appendChild(h('tr', { id: 'incident-' + i.id, className: i.id === state.incidentId ? 'current' : '', onclick: function () { open(i.id, detail, load); } }, [
              h('td', {}, '#' + i.id),
              h('td', {}, i.title),
              h('td', {}, i.server || ''),
              h('td', {}, h('span', { className: 'pill sev-' + i.severity }, t('sev_' + i.severity))),
              h('td', {}, t('bug_' + i.status)),
              h('td', { className: 'players' }, String(i.players)),
              h('td', {}, String(i.reports)),
              h('td', {}, Kefu.time(i.last_at)),
            ]));
          });
        });
      });
    }
    root.appendChild(h('section', { className: 'panel' }, [
      h('div', { className: 'filters' }, [inputs.severity, inputs.status, inputs.server, inputs.device, inputs.from, '–', inputs.to,
        h('button', { type: 'button', id: 'f-apply', className: 'primary', onclick: load }, t('filter')), csv, json]),
      h('table', { className: 'cases' }, [
        h('thead', {}, h('tr', {}, ['#', t('incidentTitle'), t('server'), t('severity'), t('status'), t('players'), t('reports'), t('lastAt')].map(function (c) { return h('th', {}, c); }))),
        list,
      ]),
    ]));
    root.appendChild(detail);
    load().then(function () { if (state.incidentId) open(state.incidentId, detail, load); });
  }

  function open(id, detail, reload) {
    state.incidentId = id;
    document.querySelectorAll('#incident-list tr').forEach(function (tr) { tr.classList.toggle('current', tr.id === 'incident-' + id); });
    return api.get('/api/incidents/' + id).then(function (body) {
      var i = body.incident;
      var status = h('select', { id: 'incident-status' }, STATUSES.map(function (s) { return h('option', { value: s, selected: s === i.status }, t('bug_' + s)); }));
      var mergeIds = h('input', { id: 'merge-ids', placeholder: t('mergeHint') });
      var result = h('div', { id: 'incident-result' });
      var error = h('p', { className: 'error', role: 'alert' });
      var rows = body.reports.map(function (r) {
        return h('tr', {}, [
          h('td', {}, h('input', { type: 'checkbox', value: String(r.id), className: 'pick-report' })),
          h('td', {}, '#' + r.id),
          h('td', {}, r.description),
          h('td', {}, r.device || ''),
          h('td', {}, (r.nickname || r.channel) + (r.ticket ? ' · ' + t('ticketNo', { id: r.ticket }) : '')),
          h('td', {}, Kefu.time(r.created_at)),
        ]);
      });
      function after(p) { error.textContent = ''; return p.then(function (r) { reload(); return r; }).catch(function (e) { error.textContent = api.explain(e); }); }
      detail.textContent = '';
      detail.append(
        h('h2', {}, t('incident') + ' #' + i.id + ' · ' + i.title),
        h('p', {}, [h('span', { className: 'pill sev-' + i.severity }, t('sev_' + i.severity)), ' ', i.server || '', ' · ', t('players'), ' ', h('strong', { id: 'incident-players' }, String(i.players))]),
        h('div', { className: 'form' }, [
          h('div', { className: 'row' }, [status, h('button', { type: 'button', id: 'incident-set-status', className: 'primary', onclick: function () {
            after(api.post('/api/incidents/' + id + '/status', { status: status.value })).then(function (r) {
              if (!r) return;
              result.textContent = '';
              if (r.told.length) result.appendChild(h('div', { className: 'ok-notice' }, t('told', { n: r.told.length })));
              if (r.unreachable.length) {
                result.appendChild(h('div', { className: 'notice', id: 'unreachable' }, t('unreachableList', {
                  list: r.unreachable.map(function (u) { return (u.nickname || '#' + u.playerId) + '（' + u.channel + '：' + u.reason + '）'; }).join('、'),
                })));
              }
            });
          } }, t('setStatus'))]),
          h('div', { className: 'row' }, [mergeIds, h('button', { type: 'button', id: 'incident-merge', onclick: function () {
            var from = mergeIds.value.split(/[,，\s]+/).filter(Boolean).map(Number);
            after(api.post('/api/incidents/' + id + '/merge', { from: from })).then(function (r) { if (r) open(id, detail, reload); });
          } }, t('merge')),
          h('button', { type: 'button', id: 'incident-split', onclick: function () {
            var picked = Array.prototype.map.call(detail.querySelectorAll('.pick-report:checked'), function (c) { return Number(c.value); });
            after(api.post('/api/incidents/' + id + '/split', { reports: picked })).then(function (r) { if (r) open(id, detail, reload); });
          } }, t('split'))]),
        ]),
        error,
        result,
        h('table', { className: 'cases', id: 'incident-reports' }, h('tbody', {}, rows)),
        h('ul', { className: 'history' }, body.history.map(function (e) {
          return h('li', {}, Kefu.time(e.createdAt) + ' ' + (e.agentName || '') + ' ' + e.kind + (e.kind === 'status' ? ' → ' + t('bug_' + e.data.to) : ''));
        })),
      );
    });
  }

  Kefu.cases.bugs = { render: render };
})();
