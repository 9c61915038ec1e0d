// The web chat's announcement banner: what is in force now (server maintenance, known outages), refreshed each minute.
(function () {
  'use strict';
  var box = document.getElementById('notice');
  function show() {
    fetch('/webchat/api/announcements').then(function (r) { return r.json(); }).then(function (body) {
      box.textContent = '';
      body.announcements.forEach(function (a) {
        var item = document.createElement('div');
        var title = document.createElement('strong');
        title.textContent = '【公告】' + a.title;
        item.appendChild(title);
        item.appendChild(document.createTextNode(a.text));
        box.appendChild(item);
      });
      box.hidden = body.announcements.length === 0;
    }).catch(function () { box.hidden = true; });
  }
  show();
  setInterval(show, 60000);
})();
