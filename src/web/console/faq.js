// The supervisors' FAQ page: review agents' suggestions (accept writes the phrasing into the FAQ's YAML)
// and see the grouped gaps. Uses the console's session.
(function () {
  'use strict';
  var t = Kefu.t, api = Kefu.api;
  var $ = function (id) { return document.getElementById(id); };

  function cell(tr, text, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  function showError(err) { $('faq-error').textContent = api.explain(err); }

  function loadSuggestions() {
    return api.get('/api/faq/suggestions').then(function (body) {
      var tbody = $('suggestions');
      tbody.textContent = '';
      body.suggestions.forEach(function (s) {
        var tr = document.createElement('tr');
        tr.id = 'suggestion-' + s.id;
        cell(tr, s.question);
        cell(tr, s.entryId ? s.entryId : t('newEntry') + '：' + (s.answer || '').split('\n')[0]);
        cell(tr, (s.agentName || '') + (s.ticketId ? ' · #' + s.ticketId : ''));
        var actions = cell(tr, '');
        var accept = document.createElement('button');
        accept.type = 'button';
        accept.className = 'primary accept';
        accept.textContent = t('accept');
        accept.addEventListener('click', function () {
          api.post('/api/faq/suggestions/' + s.id + '/accept', {}).then(function (res) {
            tr.className = 'done';
            actions.textContent = t('acceptedTo', { where: res.suggestion.writtenTo });
          }).catch(showError);
        });
        var reject = document.createElement('button');
        reject.type = 'button';
        reject.className = 'reject';
        reject.textContent = t('reject');
        reject.addEventListener('click', function () {
          api.post('/api/faq/suggestions/' + s.id + '/reject', {}).then(function () { tr.className = 'done'; actions.textContent = t('rejected'); }).catch(showError);
        });
        actions.appendChild(accept);
        actions.appendChild(reject);
        tbody.appendChild(tr);
      });
      $('no-suggestions').hidden = body.suggestions.length > 0;
    });
  }

  function loadGaps() {
    return api.get('/api/faq/gaps?limit=50').then(function (body) {
      var tbody = $('gaps');
      tbody.textContent = '';
      body.gaps.forEach(function (g) {
        var tr = document.createElement('tr');
        cell(tr, String(g.count), 'num');
        cell(tr, g.sample);
        cell(tr, g.variants.map(function (v) { return v.sample + ' ×' + v.count; }).join('；'), 'muted');
        tbody.appendChild(tr);
      });
    });
  }

  $('lang').addEventListener('click', function () { Kefu.toggleLanguage(); });
  Kefu.applyLanguage();
  api.get('/api/me').then(function (me) {
    api.setCsrf(me.csrfToken);
    return Promise.all([loadSuggestions(), loadGaps()]);
  }).catch(function (err) {
    if (err.status === 401) location.href = '/console';
    else showError(err);
  });
})();
