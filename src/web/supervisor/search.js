// 搜索: tickets and conversations by player, text, ticket number, channel, date range and status.
(function () {
  'use strict';
  var s = Sup.s, $ = Sup.$;
  ['queued', 'assigned', 'waiting_player', 'resolved', 'closed', 'bot'].forEach(function (st) {
    var o = new Option(st, st);
    o.dataset.s = st;
    $('search-status').appendChild(o);
  });

  function search() {
    var params = new URLSearchParams();
    [['q', 'search-q'], ['player', 'search-player'], ['ticket', 'search-ticket'], ['channel', 'search-channel'], ['status', 'search-status'], ['from', 'search-from'], ['to', 'search-to']]
      .forEach(function (p) { var v = $(p[1]).value.trim(); if (v) params.set(p[0], v); });
    return Kefu.api.get('/api/search?' + params.toString()).then(function (body) {
      var rows = body.results.map(function (r) {
        return [r.ticketId ? '#' + r.ticketId : '–', r.ticketId ? s(r.status) : s('bot'), [r.nickname, r.gameUid].filter(Boolean).join(' · '), r.channel, r.agent || '', r.excerpt || '', Sup.time(r.updatedAt)];
      });
      if (!rows.length) rows.push([s('noResults'), '', '', '', '', '', '']);
      Sup.table($('search-results'), [s('ticket'), s('status'), s('player'), s('channel'), s('agent'), s('excerpt'), s('updated')], rows);
    }).catch(Sup.fail);
  }

  $('search-form').addEventListener('submit', function (e) { e.preventDefault(); search(); });
  Sup.views.search = { show: function () {} };
})();
