// The cases page: signed in through the console's session, one view at a time (bug board, complaints,
// follow-ups, announcements, statistics, alerts). Each view lives in its own cases-*.js file.
(function () {
  'use strict';
  var t = Kefu.t;
  var $ = function (id) { return document.getElementById(id); };
  var current = null;


  function show(name) {
    current = name;
    location.hash = name;
    document.querySelectorAll('#case-tabs button').forEach(function (b) { b.classList.toggle('on', b.dataset.view === name); });
    var root = $('view');
    root.textContent = '';
    root.className = 'case-view';
    Kefu.cases[name].render(root, Kefu.cases.me);
  }
  $('case-tabs').addEventListener('click', function (e) { if (e.target.dataset.view) show(e.target.dataset.view); });
  $('lang').addEventListener('click', function () { Kefu.toggleLanguage(); document.title = t('casesTitle'); show(current); });

  Kefu.applyLanguage();
  document.title = t('casesTitle');
  Kefu.api.get('/api/me').then(function (session) {
    Kefu.api.setCsrf(session.csrfToken);
    Kefu.cases.me = session.agent;
    $('me').textContent = session.agent.displayName + ' · ' + session.agent.role;
    if (session.agent.role === 'agent') document.querySelectorAll('[data-managers]').forEach(function (b) { b.hidden = true; });
    $('cases').hidden = false;
    Kefu.announceBar.start();
    Kefu.alertBar.start();
    var wanted = location.hash.slice(1);
    show(Kefu.cases[wanted] ? wanted : 'bugs');
  }).catch(function () { $('signed-out').hidden = false; });
})();
