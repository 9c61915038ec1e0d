// 日报: one day's report with charts (chart.js, served from the project), the week or month trend, CSV export.
(function () {
  'use strict';
  var s = Sup.s, $ = Sup.$, el = Sup.el;
  var COLORS = ['#3a6df0', '#f5a623', '#8f959e', '#d83931', '#2ea121', '#7b61ff', '#14b8a6'];

  /** One chart per canvas: redrawn in place, so Chart.getChart(canvas) always holds what is shown. */
  function draw(id, config) {
    var old = Chart.getChart(id);
    if (old) old.destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    Sup.charts[id] = new Chart($(id), config);
  }

  function card(label, value, sub) {
    var c = el('div', 'card');
    c.appendChild(el('div', 'label', label));
    c.appendChild(el('div', 'value', value));
    if (sub) c.appendChild(el('div', 'sub', sub));
    return c;
  }

  function list(ul, items) {
    ul.textContent = '';
    items.forEach(function (item) {
      var li = el('li');
      li.appendChild(el('span', '', item[0]));
      li.appendChild(el('strong', '', item[1]));
      ul.appendChild(li);
    });
    if (!items.length) ul.appendChild(el('li', 'muted', s('none')));
  }

  function render(r) {
    var f = $('report-figures');
    f.textContent = '';
    f.appendChild(card(s('dayIn'), r.messages.in, s('dayOut') + ' ' + r.messages.out));
    f.appendChild(card(s('nav_conversations'), r.conversations.total, s('deflection') + ' ' + Sup.pct(r.bot.deflection)));
    f.appendChild(card(s('ticketsCreated'), r.tickets.created, s('ticketsResolved') + ' ' + r.tickets.resolved + ' · ' + s('ticketsOpen') + ' ' + r.tickets.open));
    f.appendChild(card(s('firstResponseMedian'), Sup.duration(r.first_response.median_s), s('firstResponseP90') + ' ' + Sup.duration(r.first_response.p90_s)));
    f.appendChild(card(s('withinSla'), Sup.pct(r.first_response.within_sla)));
    f.appendChild(card(s('csat'), r.csat.n ? r.csat.mean.toFixed(2) : '–', s('csatN', { n: r.csat.n })));

    var botKeys = ['answered', 'clarified', 'unknown', 'handed_off'];
    draw('chart-bot', {
      type: 'doughnut',
      data: { labels: botKeys.map(function (k) { return s(k); }), datasets: [{ data: botKeys.map(function (k) { return r.bot[k]; }), backgroundColor: COLORS }] },
    });
    var channels = Object.keys(r.messages.by_channel).sort();
    draw('chart-channels', {
      type: 'bar',
      data: {
        labels: channels,
        datasets: [
          { label: s('received'), data: channels.map(function (c) { return r.messages.by_channel[c].in; }), backgroundColor: COLORS[0] },
          { label: s('sent'), data: channels.map(function (c) { return r.messages.by_channel[c].out; }), backgroundColor: COLORS[1] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    var stars = ['1', '2', '3', '4', '5'];
    draw('chart-csat', {
      type: 'bar',
      data: { labels: stars.map(function (n) { return s('stars', { n: n }); }), datasets: [{ label: s('csat'), data: stars.map(function (n) { return r.csat.distribution[n]; }), backgroundColor: COLORS[4] }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });

    list($('report-faq'), r.top_faq.map(function (x) { return [x.entry, x.count]; }));
    list($('report-gaps'), r.top_gaps.map(function (x) { return [x.text, x.count]; }));
    list($('report-cases'), ['critical', 'major', 'minor'].map(function (k) { return [s('bug_' + k), r.bugs[k]]; })
      .concat(Object.keys(r.complaints).map(function (c) { return [s('complaint', { c: c }), r.complaints[c]]; })));
    Sup.table($('report-agents'), [s('agent'), s('handled'), s('firstResponseMedian'), s('csatMean'), s('spotCheck')], r.agents.map(function (a) {
      return [a.display_name || a.username, a.handled, Sup.duration(a.first_response_median_s), a.csat_n ? a.csat_mean : '–', a.spot_check_n ? a.spot_check_mean : '–'];
    }));
  }

  function renderTrend(days) {
    var series = [['messages_in', 'dayIn'], ['tickets_created', 'ticketsCreated'], ['tickets_resolved', 'ticketsResolved']];
    draw('chart-trend', {
      type: 'line',
      data: {
        labels: days.map(function (d) { return d.date.slice(5); }),
        datasets: series.map(function (x, i) {
          return { label: s(x[1]), data: days.map(function (d) { return d[x[0]]; }), borderColor: COLORS[i], backgroundColor: COLORS[i], tension: 0.2 };
        }),
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function load() {
    var date = $('report-date').value;
    // Without a date the server says which day "today" is in the service time zone.
    return Kefu.api.get('/api/reports/daily' + (date ? '?date=' + date : '')).then(function (r) {
      $('report-date').value = r.date;
      $('report-csv').href = '/api/reports/daily.csv?date=' + r.date;
      render(r);
      return Kefu.api.get('/api/reports/trend?to=' + r.date + '&days=' + $('report-trend').value);
    }).then(function (b) {
      renderTrend(b.days);
      $('view-report').dataset.loaded = $('report-date').value;
    }).catch(Sup.fail);
  }

  $('report-date').addEventListener('change', load);
  $('report-trend').addEventListener('change', load);
  $('report-form').addEventListener('submit', function (e) { e.preventDefault(); load(); });
  Sup.views.report = {
    show: load,
  };
})();
