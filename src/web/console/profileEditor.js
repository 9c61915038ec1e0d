// The player's profile in the ticket view, editable by the agent: server, role, VIP level, notes.
// Saving posts to /api/players/:id/profile; the change lands in the ticket's history.
(function () {
  'use strict';
  var t = Kefu.t;
  var FIELDS = [
    { key: 'server', type: 'text', max: 64 },
    { key: 'roleId', type: 'text', max: 128 },
    { key: 'roleName', type: 'text', max: 128 },
    { key: 'vipLevel', type: 'number', max: 99 },
    { key: 'notes', type: 'textarea', max: 2000 },
  ];

  // The ticket view is redrawn on every live event: an edit under way is kept, not wiped.
  var editing = null;

  function form(detail) {
    var p = detail.player;
    if (editing && editing.playerId === p.id && editing.dirty) return editing.box;
    // A redraw after saving keeps the "saved" line: the agent sees that it worked.
    var said = editing && editing.playerId === p.id ? editing.said : '';
    var box = document.createElement('form');
    editing = { playerId: p.id, box: box, dirty: false, said: said };
    box.addEventListener('input', function () { editing.dirty = true; });
    box.className = 'profile-edit';
    box.id = 'profile-edit';
    FIELDS.forEach(function (f) {
      var label = document.createElement('label');
      var name = document.createElement('span');
      name.textContent = t('pf_' + f.key);
      var input = document.createElement(f.type === 'textarea' ? 'textarea' : 'input');
      if (f.type === 'number') { input.type = 'number'; input.min = 0; input.max = f.max; }
      else if (f.type === 'text') { input.type = 'text'; input.maxLength = f.max; }
      else { input.rows = 3; input.maxLength = f.max; }
      input.name = f.key;
      input.id = 'pf-' + f.key;
      input.value = p[f.key] === null || p[f.key] === undefined ? '' : String(p[f.key]);
      label.appendChild(name);
      label.appendChild(input);
      box.appendChild(label);
    });
    var save = document.createElement('button');
    save.type = 'submit';
    save.id = 'pf-save';
    save.textContent = t('pf_save');
    var status = document.createElement('span');
    status.className = 'muted';
    status.id = 'pf-status';
    status.textContent = said;
    box.appendChild(save);
    box.appendChild(status);
    box.addEventListener('submit', function (e) {
      e.preventDefault();
      var body = { ticketId: detail.ticket.id };
      FIELDS.forEach(function (f) {
        var v = box.elements[f.key].value.trim();
        if (f.type === 'number') { if (v !== '') body[f.key] = Number(v); }
        else body[f.key] = v;
      });
      save.disabled = true;
      Kefu.api.post('/api/players/' + p.id + '/profile', body)
        .then(function (res) {
          editing.dirty = false;
          editing.said = res.changed.length ? t('pf_saved') : t('pf_unchanged');
          var shown = document.getElementById('pf-status') || status; // the form may have been redrawn meanwhile
          shown.textContent = editing.said;
        })
        .catch(function (err) { status.textContent = Kefu.api.explain(err); })
        .then(function () { save.disabled = false; });
    });
    return box;
  }

  Kefu.profileEditor = { form: form };
})();
