// 抽检: the day's drawn conversations; supervisors score them on the scorecard, agents read their own.
(function () {
  'use strict';
  var s = Sup.s, $ = Sup.$, el = Sup.el, api = Kefu.api;
  var name = function (c) { return Kefu.lang() === 'zh' ? c.name : c.name_en; };

  function showCheck(id) {
    document.querySelectorAll('#checks-list tr').forEach(function (tr) { tr.classList.toggle('current', Number(tr.dataset.id) === id); });
    return api.get('/api/checks/' + id).then(function (body) {
      var box = $('check-detail'), check = body.check;
      box.hidden = false;
      box.textContent = '';
      box.appendChild(el('h2', '', '#' + check.ticketId + ' · ' + check.agent + ' · ' + check.day));
      var transcript = el('ol', 'transcript');
      body.messages.forEach(function (m) {
        transcript.appendChild(el('li', m.internal ? 'note' : m.sender, (m.sender === 'agent' ? (m.agentName || s('agent')) : s(m.sender === 'player' ? 'player' : 'bot')) + '：' + m.text));
      });
      box.appendChild(transcript);
      var form = el('form', 'scorecard');
      form.id = 'check-form';
      body.scorecard.forEach(function (c) {
        form.appendChild(el('label', '', name(c) + '（' + s('points', { n: c.points }) + '）'));
        var input = el('input');
        input.type = 'number';
        input.min = 0;
        input.max = c.points;
        input.name = c.id;
        input.required = true;
        input.value = check.scores ? check.scores[c.id] : '';
        input.disabled = !Sup.isManager();
        form.appendChild(input);
      });
      var comment = el('textarea');
      comment.name = 'comment';
      comment.rows = 2;
      comment.placeholder = s('comment');
      comment.value = check.comment || '';
      comment.disabled = !Sup.isManager();
      comment.style.gridColumn = '1 / -1';
      form.appendChild(comment);
      var status = el('span', 'muted', check.score === null ? s('unscored') : s('score') + ' ' + check.score + ' · ' + s('scoredBy', { who: check.scoredBy }));
      form.appendChild(status);
      if (Sup.isManager()) {
        form.appendChild(el('button', 'primary', s('save')));
        form.addEventListener('submit', function (e) {
          e.preventDefault();
          var scores = {};
          body.scorecard.forEach(function (c) { scores[c.id] = Number(form.elements[c.id].value); });
          api.post('/api/checks/' + id + '/score', { scores: scores, comment: comment.value }).then(function () { return load().then(function () { return showCheck(id); }); }).catch(Sup.fail);
        });
      }
      box.appendChild(form);
    }).catch(Sup.fail);
  }

  function load() {
    var day = $('checks-day').value;
    return api.get('/api/checks' + (day ? '?day=' + day : '')).then(function (body) {
      Sup.table($('checks-list'), [s('day'), s('agent'), s('ticket'), s('score')], body.checks.map(function (c) {
        var tr = Sup.row([c.day, c.agent, '#' + c.ticketId, c.score === null ? s('unscored') : c.score]);
        tr.className = 'clickable';
        tr.dataset.id = c.id;
        tr.addEventListener('click', function () { showCheck(c.id); });
        return tr;
      }));
    }).catch(Sup.fail);
  }

  $('checks-form').addEventListener('submit', function (e) { e.preventDefault(); load(); });
  $('checks-draw').addEventListener('click', function () {
    api.post('/api/checks/draw', $('checks-day').value ? { day: $('checks-day').value } : {}).then(function (r) {
      $('checks-msg').textContent = s('drawn', { n: r.drawn });
      $('checks-day').value = r.day;
      return load();
    }).catch(Sup.fail);
  });
  Sup.views.checks = { show: load };
})();
