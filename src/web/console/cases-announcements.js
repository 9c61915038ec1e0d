// Announcements (incident mode), the 《顾客投诉分类统计表》 and supervisors' alerts.
(function () {
  'use strict';
  var t = Kefu.t, h = Kefu.h, api = Kefu.api;
  var words = function (s) { return s.split(/[,，、\s]+/).filter(Boolean); };

  function announcements(root, me) {
    root.className = 'case-view single';
    var list = h('ul', { className: 'history', id: 'announcement-list' });
    var error = h('p', { className: 'error', role: 'alert' });
    function load() {
      Kefu.announceBar.refresh();
      return api.get('/api/announcements?all=1').then(function (body) {
        list.textContent = '';
        if (!body.announcements.length) list.appendChild(h('li', {}, t('noAnnouncements')));
        body.announcements.forEach(function (a) {
          list.appendChild(h('li', { id: 'announcement-' + a.id }, [
            h('strong', {}, a.title), '：' + a.text + ' [' + a.keywords.join('、') + '] ' + (a.endsAt ? t('until', { time: Kefu.time(a.endsAt) }) : ''),
            me.role !== 'agent' ? h('button', { type: 'button', className: 'end', onclick: function () { api.del('/api/announcements/' + a.id).then(load); } }, t('endNow')) : null,
          ]));
        });
      });
    }
    var f = {
      title: h('input', { id: 'a-title', maxLength: 100 }),
      text: h('textarea', { id: 'a-text', rows: 3, maxLength: 2000 }),
      keywords: h('input', { id: 'a-keywords' }),
      minutes: h('input', { id: 'a-minutes', type: 'number', min: 1, value: 120 }),
      push: h('input', { id: 'a-push', type: 'number', min: 0, max: 72, value: 0 }),
    };
    var form = me.role === 'agent' ? h('p', { className: 'muted' }, t('onlyManagers')) : h('div', { className: 'form' }, [
      h('label', {}, [t('annTitle'), f.title]), h('label', {}, [t('annText'), f.text]), h('label', {}, [t('keywords'), f.keywords]),
      h('div', { className: 'row' }, [t('endsIn'), f.minutes, t('pushHours'), f.push]),
      h('div', { className: 'row' }, h('button', { type: 'button', id: 'a-publish', className: 'primary', onclick: function () {
        error.textContent = '';
        var body = { title: f.title.value, text: f.text.value, keywords: words(f.keywords.value), endsAt: Date.now() + Number(f.minutes.value) * 60000 };
        if (Number(f.push.value) > 0) body.pushHours = Number(f.push.value);
        api.post('/api/announcements', body).then(load).catch(function (e) { error.textContent = api.explain(e) + '（' + e.message + '）'; });
      } }, t('publish'))),
    ]);
    root.appendChild(h('section', { className: 'panel' }, [h('h2', {}, t('tabAnnouncements')), list, form, error]));
    load();
  }

  function stats(root) {
    root.className = 'case-view single';
    var month = h('input', { id: 's-month', type: 'month', value: new Date().toISOString().slice(0, 7) });
    var body = h('tbody', { id: 'stats-rows' });
    var csv = h('a', { id: 'stats-csv' }, t('exportCsv'));
    function load() {
      csv.href = '/api/reports/complaints?format=csv&month=' + month.value;
      api.get('/api/reports/complaints?month=' + month.value).then(function (r) {
        body.textContent = '';
        r.rows.concat([Object.assign({ month: '', category: t('totals') }, r.totals)]).forEach(function (row) {
          body.appendChild(h('tr', {}, [row.month, row.category, row.total, row.valid, row.invalid, row.unassessed, row.closed, row.avgHoursToClose === null ? '–' : row.avgHoursToClose].map(function (v) { return h('td', {}, String(v)); })));
        });
      });
    }
    month.addEventListener('change', load);
    root.appendChild(h('section', { className: 'panel' }, [
      h('h2', {}, '《' + t('statsTitle') + '》'),
      h('div', { className: 'filters' }, [t('month'), month, csv]),
      h('table', { className: 'cases' }, [h('thead', {}, h('tr', {}, [t('month'), t('category'), t('total'), t('validCount'), t('invalidCount'), t('unassessed'), t('closedCount'), t('avgHours')].map(function (c) { return h('th', {}, c); }))), body]),
    ]));
    load();
  }

  function alerts(root) {
    root.className = 'case-view single';
    var list = h('ul', { className: 'history', id: 'alert-list' });
    function load() {
      api.get('/api/alerts?unseen').then(function (r) {
        list.textContent = '';
        if (!r.alerts.length) list.appendChild(h('li', {}, t('noAlerts')));
        r.alerts.forEach(function (a) {
          list.appendChild(h('li', {}, [Kefu.time(a.createdAt) + ' ' + a.text + ' ', h('button', { type: 'button', onclick: function () { api.post('/api/alerts/' + a.id + '/seen').then(function () { load(); Kefu.alertBar.refresh(); }); } }, t('seen'))]));
        });
      });
    }
    root.appendChild(h('section', { className: 'panel' }, [h('h2', {}, t('tabAlerts')), list]));
    load();
  }

  Kefu.cases.announcements = { render: announcements };
  Kefu.cases.stats = { render: stats };
  Kefu.cases.alerts = { render: alerts };
})();
