// Admins only: a player's data on request (个人信息保护法) — export a JSON copy or erase it, by channel and
// player id, or for the player of the open ticket. The server checks the role and audits every action.
(function () {
  'use strict';
  var t = Kefu.t, api = Kefu.api;
  var $ = function (id) { return document.getElementById(id); };
  var fromTicket = null; // a player row id when opened from a ticket's profile

  function request() {
    if (fromTicket) return { playerId: fromTicket };
    return { channel: $('privacy-channel').value, userId: $('privacy-user').value.trim() };
  }
  function open(playerId) {
    fromTicket = playerId || null;
    $('privacy-result').textContent = '';
    $('privacy-user').value = '';
    $('privacy-channel').parentNode.hidden = $('privacy-user').parentNode.hidden = Boolean(fromTicket);
    $('privacy-from-ticket').hidden = !fromTicket;
    $('privacy-from-ticket').textContent = fromTicket ? t('privacyThisPlayer', { id: fromTicket }) : '';
    $('privacy-dialog').showModal();
  }
  function failed(err) { $('privacy-result').textContent = err.status === 404 ? t('privacyUnknown') : api.explain(err); }

  $('privacy-export').addEventListener('click', function () {
    api.post('/api/players/export', request()).then(function (data) {
      var n = data.players.reduce(function (sum, p) { return sum + p.messages.length; }, 0);
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      link.download = 'player-' + data.channel + '-' + data.players[0].player.id + '.json';
      link.click();
      $('privacy-result').textContent = t('privacyExported', { n: n });
    }).catch(failed);
  });
  $('privacy-erase').addEventListener('click', function () {
    if (!window.confirm(t('privacyConfirm'))) return;
    api.post('/api/players/erase', request()).then(function (result) {
      var list = Object.keys(result.erased).filter(function (k) { return result.erased[k] > 0; })
        .map(function (k) { return t('tbl_' + k) + ' ' + result.erased[k]; }).join('，');
      $('privacy-result').textContent = t('privacyErased', { list: list }) + (result.walCleared ? '' : ' · ' + t('privacyWal'));
      if (fromTicket) Kefu.reloadTicket(); // the open ticket now shows the emptied messages
    }).catch(failed);
  });

  // Shown to admins only; the profile of an open ticket gets its own entry point.
  $('app').addEventListener('kefu:ready', function (e) {
    if (e.detail.agent.role !== 'admin') return;
    $('privacy-open').hidden = false;
    $('privacy-open').addEventListener('click', function () { open(null); });
    new MutationObserver(function () {
      var box = $('profile');
      if (!box.querySelector('dl') || !Kefu.currentPlayerId() || box.querySelector('.privacy-link')) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'privacy-link';
      button.textContent = t('privacy') + '…';
      button.addEventListener('click', function () { open(Kefu.currentPlayerId()); });
      box.appendChild(button);
    }).observe($('profile'), { childList: true });
  });
})();
