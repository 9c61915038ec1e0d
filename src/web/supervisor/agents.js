// 绩效: per agent over a period — tickets handled, first reply and resolution times, SLA share, CSAT, spot checks.
(function () {
  'use strict';
  var s = Sup.s, $ = Sup.$;

  function load() {
    var q = [];
    if ($('agents-from').value) q.push('from=' + $('agents-from').value);
    if ($('agents-to').value) q.push('to=' + $('agents-to').value);
    return Kefu.api.get('/api/reports/agents' + (q.length ? '?' + q.join('&') : '')).then(function (body) {
      $('agents-from').value = body.from;
      $('agents-to').value = body.to;
      Sup.table($('agents-table'),
        [s('agent'), s('tier'), s('handled'), s('firstResponseMedian'), s('firstResponseP90'), s('resolutionMedian'), s('withinSla'), s('csatMean'), s('csatCount'), s('spotCheck'), s('spotCheckN')],
        body.agents.map(function (a) {
          return [a.display_name, a.tier, a.handled, Sup.duration(a.first_response_median_s), Sup.duration(a.first_response_p90_s), Sup.duration(a.resolution_median_s),
            Sup.pct(a.within_sla), a.csat_n ? a.csat_mean : '–', a.csat_n, a.spot_check_n ? a.spot_check_mean : '–', a.spot_check_n];
        }));
    }).catch(Sup.fail);
  }

  $('agents-form').addEventListener('submit', function (e) { e.preventDefault(); load(); });
  Sup.views.agents = { show: load };
})();
