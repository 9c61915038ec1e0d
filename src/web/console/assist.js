// LLM assist in the ticket view (issue #16): a reply draft into the composer (the agent edits and sends),
// a summary for a transfer or the handover, a suggested category and severity the agent confirms as a note.
(function () {
  'use strict';
  var api = Kefu.api;
  var WORDS = {
    zh: {
      draft: 'AI 草稿', summary: 'AI 摘要', transferSummary: 'AI 摘要填入备注', triage: '建议分类', working: 'AI 正在生成…', summaryTitle: '对话摘要',
      triageTitle: '建议', category: '类别', severity: '严重程度', confirm: '确认并记为备注', close: '关闭',
      critical: '紧急', major: '严重', minor: '一般', llm_off: '未配置大模型（LLM），请联系管理员开启',
      failed: '大模型暂时不可用，请自行回复：', confirmed: '已记为内部备注', noteTitle: '分类确认',
    },
    en: {
      draft: 'AI draft', summary: 'AI summary', transferSummary: 'AI summary as the note', triage: 'Suggest category', working: 'AI is writing…', summaryTitle: 'Summary',
      triageTitle: 'Suggestion', category: 'Category', severity: 'Severity', confirm: 'Confirm as a note', close: 'Close',
      critical: 'critical', major: 'major', minor: 'minor', llm_off: 'No LLM is configured; ask an administrator',
      failed: 'The LLM is not available right now; please write the reply yourself: ', confirmed: 'Recorded as an internal note', noteTitle: 'Category confirmed',
    },
  };
  function w(key) { return WORDS[Kefu.lang() === 'en' ? 'en' : 'zh'][key] || key; }
  function $(id) { return document.getElementById(id); }
  /** The open ticket's id, from its title (#123 …). */
  function ticketId() { var m = /^#(\d+)/.exec($('t-title').textContent || ''); return m ? m[1] : null; }

  var out, buttons = {};
  function button(id, key, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.id = id;
    b.dataset.assist = key;
    b.textContent = w(key);
    b.addEventListener('click', onClick);
    buttons[key] = b;
    return b;
  }
  function show(title, text, extra) {
    out.replaceChildren();
    var head = document.createElement('strong');
    head.textContent = title;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'ghost';
    close.textContent = w('close');
    close.addEventListener('click', function () { out.hidden = true; });
    var body = document.createElement('p');
    body.id = 'assist-text';
    body.textContent = text;
    out.append(head, close, body);
    if (extra) out.append(extra);
    out.hidden = false;
  }
  function explain(err) {
    if (err && err.code === 'llm_off') return w('llm_off');
    if (err && err.code && err.code.indexOf('llm_') === 0) return w('failed') + err.message;
    return api.explain(err);
  }
  /** One request at a time per button; the button says it is working. */
  function run(key, path, done) {
    var id = ticketId();
    if (!id) return;
    var b = buttons[key];
    b.disabled = true;
    b.textContent = w('working');
    api.post('/api/tickets/' + id + '/' + path)
      .then(done)
      .catch(function (err) { show(w(key), explain(err)); })
      .then(function () { b.disabled = false; b.textContent = w(key); });
  }

  function draft() {
    run('draft', 'draft', function (body) {
      var reply = $('reply');
      reply.value = body.text;
      reply.focus();
      out.hidden = true;
    });
  }
  function summary() {
    run('summary', 'summary', function (body) { show(w('summaryTitle'), body.text); });
  }
  /** In the transfer dialog: the summary goes into the note the next agent reads. */
  function transferSummary() {
    run('transferSummary', 'summary', function (body) {
      var note = $('transfer-note');
      note.value = note.value ? note.value + '\n' + body.text : body.text;
    });
  }
  function triage() {
    run('triage', 'triage', function (body) {
      var line = w('category') + '：' + body.category + ' · ' + w('severity') + '：' + w(body.severity);
      var confirm = document.createElement('button');
      confirm.type = 'button';
      confirm.id = 'assist-confirm';
      confirm.className = 'primary';
      confirm.textContent = w('confirm');
      confirm.addEventListener('click', function () {
        api.post('/api/tickets/' + ticketId() + '/note', { text: '[' + w('noteTitle') + '] ' + line })
          .then(function () { show(w('triageTitle'), w('confirmed') + '：' + line); })
          .catch(function (err) { show(w('triageTitle'), explain(err)); });
      });
      show(w('triageTitle'), line + (body.reason ? '（' + body.reason + '）' : ''), confirm);
    });
  }

  function mount() {
    var tools = document.querySelector('.composer-tools');
    if (!tools) return;
    var style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = '/console/assist.css';
    document.head.appendChild(style);
    tools.insertBefore(button('assist-draft', 'draft', draft), $('reach'));
    tools.insertBefore(button('assist-summary', 'summary', summary), $('reach'));
    tools.insertBefore(button('assist-triage', 'triage', triage), $('reach'));
    out = document.createElement('div');
    out.id = 'assist-out';
    out.className = 'assist';
    out.hidden = true;
    out.setAttribute('role', 'status');
    $('composer').insertBefore(out, document.querySelector('.composer-row'));
    var noteLabel = $('transfer-note') && $('transfer-note').parentNode;
    if (noteLabel) noteLabel.parentNode.insertBefore(button('assist-transfer-summary', 'transferSummary', transferSummary), noteLabel.nextSibling);
    $('lang').addEventListener('click', function () { Object.keys(buttons).forEach(function (k) { buttons[k].textContent = w(k); }); });
  }
  mount();
})();
