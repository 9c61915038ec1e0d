// "这个问题属于 FAQ …": once an agent has answered a handed-off question, the matcher's best guesses and
// "new entry" under the conversation. The pick becomes a suggestion a supervisor reviews (/console/faq.html).
(function () {
  'use strict';
  var t = Kefu.t;
  var shownFor = null; // ticket id + first response: the panel is fetched again only when they change

  function button(text, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  function show(box, detail) {
    var ticket = detail.ticket;
    var handedOff = ticket.reason === 'requested' || ticket.reason === 'unanswered';
    if (!handedOff || !ticket.firstResponseAt) { box.hidden = true; shownFor = null; return; }
    var key = ticket.id + ':' + ticket.firstResponseAt;
    if (shownFor === key) return;
    shownFor = key;
    Kefu.api.get('/api/tickets/' + ticket.id + '/faq-guesses').then(function (body) {
      if (shownFor !== key || !body.question) { box.hidden = true; return; }
      box.textContent = '';
      var head = document.createElement('div');
      head.className = 'learn-head';
      head.textContent = t('learnAsk', { q: body.question.text });
      box.appendChild(head);
      var status = document.createElement('span');
      status.className = 'muted';
      status.id = 'learn-status';
      var pick = function (entryId) {
        return function () {
          Kefu.api.post('/api/tickets/' + ticket.id + '/faq-suggestion', { messageId: body.question.messageId, entryId: entryId })
            .then(function () { status.textContent = t('learnThanks'); box.querySelectorAll('button').forEach(function (b) { b.disabled = true; }); })
            .catch(function (err) { status.textContent = Kefu.api.explain(err); });
        };
      };
      body.guesses.forEach(function (g) {
        var b = button(t('learnBelongs', { q: g.question }), pick(g.id));
        b.title = g.id + ' · ' + g.score;
        b.dataset.entry = g.id;
        box.appendChild(b);
      });
      var fresh = button(t('learnNew'), pick(null));
      fresh.dataset.entry = '';
      box.appendChild(fresh);
      box.appendChild(status);
      box.hidden = false;
    }).catch(function () { box.hidden = true; });
  }

  Kefu.learnPanel = { show: show };
})();
