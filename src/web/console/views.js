// Rendering: the ticket list, one ticket's conversation and the player's profile. No state of its own.
(function () {
  'use strict';
  var t = Kefu.t;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function clock(ms) { var d = new Date(ms); return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0'); }
  function duration(ms) {
    var s = Math.max(0, Math.round(Math.abs(ms) / 1000));
    return s < 60 ? t('seconds', { s: s }) : t('minutes', { m: Math.floor(s / 60) });
  }
  /** SLA colour: green with time to spare, amber in the last minute, red when late; none once answered. */
  function slaClass(ticket, now) {
    if (ticket.firstResponseAt || !ticket.firstResponseDueAt) return ticket.status === 'queued' ? 'ok' : '';
    var left = ticket.firstResponseDueAt - now;
    return left < 0 ? 'late' : left < 60000 ? 'warn' : 'ok';
  }
  function slaText(ticket, now) {
    if (ticket.firstResponseAt) return t('answered');
    if (!ticket.firstResponseDueAt) return '';
    var left = ticket.firstResponseDueAt - now;
    return left < 0 ? t('slaLate') + ' ' + duration(left) : t('slaLeft') + ' ' + duration(left);
  }

  /** Who the player is, in a few words: role or nickname, server, VIP level. */
  function whoIs(ticket) {
    var parts = [ticket.roleName || ticket.nickname || t('player')];
    if (ticket.server) parts.push(ticket.server);
    if (ticket.vipLevel) parts.push('VIP' + ticket.vipLevel);
    return parts.join(' · ');
  }

  /** The list keeps one <li> per ticket and updates it in place, so nothing jumps while the agent reads. */
  function renderList(list, tickets, currentId, now, onPick) {
    var keep = {};
    tickets.forEach(function (ticket, i) {
      var id = 'ticket-' + ticket.id;
      keep[id] = true;
      var li = document.getElementById(id);
      if (!li) {
        li = el('li');
        li.id = id;
        li.dataset.id = ticket.id;
        li.appendChild(el('strong', 'who'));
        li.appendChild(el('span', 'wait'));
        li.appendChild(el('span', 'summary'));
        li.addEventListener('click', function () { onPick(ticket.id); });
      }
      li.querySelector('.who').textContent = '#' + ticket.id + ' ' + whoIs(ticket);
      li.querySelector('.summary').textContent = '[' + ticket.tier + '] ' + t(ticket.status) + ' · ' + (ticket.lastQuestion || ticket.summary || '');
      li.dataset.queuedAt = ticket.queuedAt;
      li.dataset.due = ticket.firstResponseDueAt || '';
      li.dataset.answered = ticket.firstResponseAt ? '1' : '';
      li.dataset.status = ticket.status;
      li.classList.toggle('current', ticket.id === currentId);
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
    });
    Array.prototype.slice.call(list.children).forEach(function (li) { if (!keep[li.id]) li.remove(); });
    tickList(list, now);
  }
  /** Once a second: waiting times and SLA colours, without touching anything else. */
  function tickList(list, now) {
    Array.prototype.forEach.call(list.children, function (li) {
      var ticket = { firstResponseDueAt: Number(li.dataset.due) || null, firstResponseAt: li.dataset.answered ? 1 : null, status: li.dataset.status };
      li.querySelector('.wait').textContent = t('waited') + ' ' + duration(now - Number(li.dataset.queuedAt));
      li.classList.remove('ok', 'warn', 'late');
      var cls = slaClass(ticket, now);
      if (cls) li.classList.add(cls);
    });
  }

  /** A player's picture or voice, fetched by the server through the channel (never the vendor's URL). */
  function mediaEl(m, ticketId) {
    var src = '/api/tickets/' + ticketId + '/media/' + m.id;
    var box = el('div', 'media media-' + m.media.kind);
    if (m.media.kind === 'image') {
      var link = el('a');
      link.href = src;
      link.target = '_blank';
      link.rel = 'noopener';
      var img = el('img');
      img.alt = t('mediaImage');
      img.src = src;
      img.addEventListener('error', function () { box.textContent = t('mediaGone'); });
      link.appendChild(img);
      box.appendChild(link);
      return box;
    }
    if (m.media.kind === 'voice') {
      box.appendChild(el('span', 'media-label', m.media.recognition ? t('mediaVoiceHeard') : t('mediaVoiceNoText')));
      var audio = el('audio');
      audio.controls = true;
      audio.preload = 'none';
      audio.src = src;
      box.appendChild(audio);
    }
    var download = el('a', 'media-download', t(m.media.kind === 'voice' ? 'mediaDownloadVoice' : 'mediaDownload'));
    download.href = src;
    download.target = '_blank';
    download.rel = 'noopener';
    box.appendChild(download);
    return box;
  }

  function renderMessages(ol, messages, onRetry, ticketId) {
    var atBottom = ol.scrollHeight - ol.scrollTop - ol.clientHeight < 40;
    ol.textContent = '';
    messages.forEach(function (m) {
      var li = el('li', m.internal ? 'note' : m.sender);
      li.dataset.id = m.id;
      var who = m.internal ? t('noteTag') + ' · ' + (m.agentName || '') : m.sender === 'agent' ? m.agentName || '' : t(m.sender);
      var meta = el('span', 'meta', who + ' · ' + clock(m.createdAt));
      if (m.direction === 'out' && !m.internal && m.delivery && m.delivery !== 'inline') {
        var failed = m.delivery === 'failed';
        var status = el('span', failed ? 'failed' : 'delivery', ' · ' + t(m.delivery === 'sending' ? 'pending' : m.delivery) + (m.deliveryError ? '（' + m.deliveryError + '）' : ''));
        meta.appendChild(status);
        if (failed) {
          var retry = el('button', 'link', t('retry'));
          retry.type = 'button';
          retry.addEventListener('click', function () { onRetry(m.id); });
          meta.appendChild(retry);
        }
      }
      li.appendChild(meta);
      if (m.media && ticketId) li.appendChild(mediaEl(m, ticketId));
      li.appendChild(document.createTextNode(m.text));
      ol.appendChild(li);
    });
    if (atBottom || !ol.dataset.shown) ol.scrollTop = ol.scrollHeight;
    ol.dataset.shown = '1';
  }

  function reachText(r) {
    if (!r) return { text: '', ok: true };
    if (!r.reachable) return { text: t('unreachable', { reason: r.reason || '' }), ok: false };
    var parts = [];
    if (r.until) parts.push(t('reachUntil', { time: clock(r.until) }));
    if (r.remaining !== undefined && r.remaining !== null) parts.push(t('reachLeft', { n: r.remaining }));
    return { text: parts.join(' / '), ok: true };
  }

  /** zh, zh written in Traditional, or en: the words the console shows for a player's language. */
  function languageKey(p) {
    if (p.language !== 'zh') return 'lang_' + p.language;
    return p.chineseScript === 'traditional' ? 'lang_zh_traditional' : 'lang_zh';
  }

  function renderProfile(box, detail) {
    box.textContent = '';
    var p = detail.player;
    var dl = el('dl');
    [['channel', p.channel], ['nickname', p.nickname], ['gameUid', p.gameUid], ['language', t(languageKey(p))]]
      .forEach(function (row) {
        dl.appendChild(el('dt', '', t(row[0])));
        dl.appendChild(el('dd', '', row[1] === null || row[1] === undefined || row[1] === '' ? '—' : String(row[1])));
      });
    box.appendChild(dl);
    if (Kefu.profileEditor) box.appendChild(Kefu.profileEditor.form(detail));
    box.appendChild(el('h3', '', t('pastTickets')));
    var past = el('ul');
    detail.pastTickets.forEach(function (pt) {
      past.appendChild(el('li', '', '#' + pt.id + ' ' + t(pt.status) + (pt.rating ? ' · ' + t('rating') + ' ' + pt.rating : '') + ' · ' + (pt.summary || '')));
    });
    if (!detail.pastTickets.length) past.appendChild(el('li', 'muted', '—'));
    box.appendChild(past);
    box.appendChild(el('h3', '', t('history')));
    var events = el('ul');
    detail.events.forEach(function (e) {
      var changed = e.kind === 'profile_changed' && e.data.changes ? '：' + Object.keys(e.data.changes).map(function (k) { return t('pf_' + k) + ' → ' + (e.data.changes[k].to === null ? '—' : e.data.changes[k].to); }).join('，') : '';
      events.appendChild(el('li', '', clock(e.createdAt) + ' ' + t('ev_' + e.kind) + changed));
    });
    box.appendChild(events);
  }

  Kefu.views = { el: el, whoIs: whoIs, renderList: renderList, tickList: tickList, renderMessages: renderMessages, renderProfile: renderProfile,
    reachText: reachText, slaClass: slaClass, slaText: slaText };
})();
