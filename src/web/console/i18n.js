// The console's words, Chinese first; `Kefu.t(key)` in the agent's chosen language.
(function () {
  'use strict';
  var WORDS = {
    zh: {
      title: '客服工作台', username: '用户名', password: '密码', login: '登录', logout: '退出', online: '在线接单',
      keys: 'Alt+N 下一个 · Alt+C 接单 · Alt+R 解决 · Ctrl+Enter 发送', mine: '我的工单', next: '接下一个 (Alt+N)',
      empty: '暂无工单', pick: '从左侧选择一个工单', claim: '接单', transfer: '转交', resolve: '解决', canned: '标准话术 (Alt+K)',
      asNote: '内部备注', cannedSearch: '搜索话术…', replyHint: '输入回复，Ctrl+Enter 发送', send: '发送', transferTo: '转给',
      note: '备注', cancel: '取消', waited: '已等待', slaLeft: '首响剩余', slaLate: '首响超时', answered: '已首响',
      queued: '排队中', assigned: '处理中', waiting_player: '等玩家回复', resolved: '已解决', closed: '已关闭',
      pending: '发送中…', sent: '已送达', failed: '发送失败', retry: '重试', player: '玩家', bot: '机器人', system: '系统', noteTag: '备注',
      channel: '渠道', nickname: '昵称', gameUid: '角色ID', server: '服务器', vip: 'VIP', language: '语言', pastTickets: '历史工单',
      lang_zh: '中文（简体）', lang_zh_traditional: '中文（繁体）', lang_en: '英文',
      history: '处理记录', reachUntil: '可回复至 {time}', reachLeft: '剩余 {n} 条', unreachable: '无法回复：{reason}',
      channelDown: '渠道异常：{list}', tier: '队列', queueEmpty: '队列已空', slaBreached: '工单 #{id} 首响超时',
      loginFailed: '用户名或密码错误', tooMany: '失败次数过多，请稍后再试', minutes: '{m} 分', seconds: '{s} 秒', rating: '评分',
      held_by_other: '该工单已由其他客服处理', already_claimed: '该工单已被其他客服接走', not_claimed: '请先接单再回复',
      ticket_resolved: '工单已解决，不能再回复；玩家再次发消息会自动重开', wrong_tier: '这个工单不在你的队列',
      ticket_not_found: '工单不存在', tooLong: '内容太长', error: '操作失败',
      ev_created: '创建', ev_claimed: '接单', ev_assigned: '分配', ev_transferred: '转交', ev_noted: '备注', ev_replied: '回复',
      ev_player_wrote: '玩家留言', ev_resolved: '解决', ev_reopened: '重开', ev_closed: '关闭', ev_rated: '评分', ev_sla_breached: '首响超时',
      privacy: '玩家数据', privacyHint: '按《个人信息保护法》导出或删除一位玩家的全部数据。操作会记入审计日志。',
      privacyUser: '玩家 ID（openid、QQ 号…）', privacyExport: '导出 JSON', privacyErase: '删除数据', close: '关闭',
      privacyThisPlayer: '当前工单的玩家 #{id}', privacyConfirm: '确定永久删除这位玩家的消息、资料和表单内容吗？此操作无法撤销。',
      privacyExported: '已导出 {n} 条消息（已下载 JSON 文件）', privacyErased: '已删除：{list}', privacyUnknown: '找不到这位玩家',
      privacyWal: '数据库日志文件暂未清空，请稍后再删除一次',
      tbl_messages: '消息', tbl_deliveries: '发送记录', tbl_conversations: '会话', tbl_tickets: '工单', tbl_ticketEvents: '工单记录',
      tbl_bugReports: 'Bug 报告', tbl_complaints: '投诉', tbl_faqGaps: '未答问题', tbl_replyWindows: '回复窗口',
      tbl_qqPassiveReplies: 'QQ 被动回复', tbl_players: '玩家资料', tbl_faqSuggestions: 'FAQ 学习建议', tbl_media: '图片和语音',
      mediaImage: '玩家发来的图片', mediaGone: '[图片取不到：可能已过期（微信临时素材只保留 3 天）]', mediaVoiceHeard: '语音消息，平台识别为：',
      mediaVoiceNoText: '语音消息（平台没有识别文字）', mediaDownload: '打开文件', mediaDownloadVoice: '下载语音',
      ev_bot_answered: '排队中机器人已答', ev_complaint_added: '追加投诉', ev_profile_changed: '资料修改',
      pf_server: '服务器', pf_roleId: '角色ID', pf_roleName: '角色名', pf_vipLevel: 'VIP 等级', pf_notes: '备注', pf_gameUid: '游戏UID',
      pf_nickname: '昵称', pf_save: '保存资料', pf_saved: '已保存', pf_unchanged: '没有改动',
      learnAsk: '帮机器人学习：“{q}” 属于哪个 FAQ？', learnBelongs: '属于「{q}」', learnNew: '新条目（用我的回复）', learnThanks: '已提交，主管审核后机器人就会回答',
      faqTitle: 'FAQ 学习', backToDesk: '← 返回工作台', suggestions: '待审核的建议', suggestionsHint: '客服在回答转人工问题后给出的归类。采纳后写入 FAQ 文件，热更新后机器人即可回答。',
      colQuestion: '玩家问题', colTarget: '归入', colBy: '客服', colCount: '次数', colVariants: '相近说法', none: '暂无', gaps: '机器人答不上的问题',
      newEntry: '新条目', accept: '采纳', reject: '拒绝', acceptedTo: '已写入 {where}', rejected: '已拒绝',
      suggestion_reviewed: '这条建议已被审核过', duplicate_question: '这个问题已在另一个条目下', unknown_entry: 'FAQ 条目不存在', answer_required: '新条目需要答案：请先回复玩家',
    },
    en: {
      title: 'Agent desk', username: 'Username', password: 'Password', login: 'Log in', logout: 'Log out', online: 'Taking tickets',
      keys: 'Alt+N next · Alt+C claim · Alt+R resolve · Ctrl+Enter send', mine: 'My tickets', next: 'Take next (Alt+N)',
      empty: 'No tickets', pick: 'Pick a ticket on the left', claim: 'Claim', transfer: 'Transfer', resolve: 'Resolve', canned: 'Canned (Alt+K)',
      asNote: 'Internal note', cannedSearch: 'Search canned replies…', replyHint: 'Type a reply, Ctrl+Enter to send', send: 'Send', transferTo: 'To',
      note: 'Note', cancel: 'Cancel', waited: 'waiting', slaLeft: 'first reply due in', slaLate: 'first reply late', answered: 'answered',
      queued: 'queued', assigned: 'assigned', waiting_player: 'waiting for player', resolved: 'resolved', closed: 'closed',
      pending: 'sending…', sent: 'delivered', failed: 'not delivered', retry: 'Retry', player: 'Player', bot: 'Bot', system: 'System', noteTag: 'note',
      channel: 'Channel', nickname: 'Nickname', gameUid: 'Game ID', server: 'Server', vip: 'VIP', language: 'Language', pastTickets: 'Past tickets',
      lang_zh: 'Chinese (Simplified)', lang_zh_traditional: 'Chinese (Traditional)', lang_en: 'English',
      history: 'History', reachUntil: 'reachable until {time}', reachLeft: '{n} messages left', unreachable: 'cannot reach: {reason}',
      channelDown: 'Channel problem: {list}', tier: 'Queue', queueEmpty: 'The queue is empty', slaBreached: 'Ticket #{id}: first reply is late',
      loginFailed: 'Wrong username or password', tooMany: 'Too many failed logins, try again later', minutes: '{m} min', seconds: '{s} s', rating: 'Rating',
      held_by_other: 'Another agent holds this ticket', already_claimed: 'Someone else claimed it first', not_claimed: 'Claim the ticket before replying',
      ticket_resolved: 'The ticket is resolved; it reopens when the player writes again', wrong_tier: 'This ticket is not in your queue',
      ticket_not_found: 'No such ticket', tooLong: 'Too long', error: 'Something went wrong',
      ev_created: 'created', ev_claimed: 'claimed', ev_assigned: 'assigned', ev_transferred: 'transferred', ev_noted: 'note', ev_replied: 'replied',
      ev_player_wrote: 'player wrote', ev_resolved: 'resolved', ev_reopened: 'reopened', ev_closed: 'closed', ev_rated: 'rated', ev_sla_breached: 'first reply late',
      privacy: 'Player data', privacyHint: 'Export or erase all of one player\'s data (PIPL). Every action is audited.',
      privacyUser: 'Player id (openid, QQ number…)', privacyExport: 'Export JSON', privacyErase: 'Erase data', close: 'Close',
      privacyThisPlayer: 'the player of this ticket, #{id}', privacyConfirm: 'Erase this player\'s messages, profile and forms for good? This cannot be undone.',
      privacyExported: 'Exported {n} messages (JSON file downloaded)', privacyErased: 'Erased: {list}', privacyUnknown: 'No such player',
      privacyWal: 'The database log could not be cleared yet: erase once more in a moment',
      tbl_messages: 'messages', tbl_deliveries: 'deliveries', tbl_conversations: 'conversations', tbl_tickets: 'tickets',
      tbl_ticketEvents: 'ticket events', tbl_bugReports: 'bug reports', tbl_complaints: 'complaints', tbl_faqGaps: 'unanswered questions',
      tbl_replyWindows: 'reply windows', tbl_qqPassiveReplies: 'QQ passive replies', tbl_players: 'player profiles', tbl_faqSuggestions: 'FAQ suggestions', tbl_media: 'pictures and voice',
      mediaImage: 'Picture from the player', mediaGone: '[Picture unavailable: it may have expired (WeChat keeps temporary media 3 days)]',
      mediaVoiceHeard: 'Voice message, recognised by the platform as:', mediaVoiceNoText: 'Voice message (no recognised text)', mediaDownload: 'Open the file', mediaDownloadVoice: 'Download the voice message',
      ev_bot_answered: 'bot answered while queued', ev_complaint_added: 'complaint added', ev_profile_changed: 'profile changed',
      pf_server: 'Server', pf_roleId: 'Role ID', pf_roleName: 'Role name', pf_vipLevel: 'VIP level', pf_notes: 'Notes', pf_gameUid: 'Game UID',
      pf_nickname: 'Nickname', pf_save: 'Save profile', pf_saved: 'Saved', pf_unchanged: 'No change',
      learnAsk: 'Teach the bot: which FAQ entry does "{q}" belong to?', learnBelongs: 'It is "{q}"', learnNew: 'New entry (my reply)', learnThanks: 'Sent: once a supervisor accepts, the bot answers it',
      faqTitle: 'FAQ learning', backToDesk: '← Back to the desk', suggestions: 'Suggestions to review', suggestionsHint: "Agents' picks after answering handed-off questions. Accepting writes them into the FAQ files; the bot answers them after the reload.",
      colQuestion: 'Question', colTarget: 'Belongs to', colBy: 'Agent', colCount: 'Count', colVariants: 'Similar phrasings', none: 'None', gaps: 'Questions the bot could not answer',
      newEntry: 'New entry', accept: 'Accept', reject: 'Reject', acceptedTo: 'Written to {where}', rejected: 'Rejected',
      suggestion_reviewed: 'This suggestion was already reviewed', duplicate_question: 'That question is under another entry', unknown_entry: 'No such FAQ entry', answer_required: 'A new entry needs an answer: reply to the player first',
    },
  };
  var lang = localStorage.getItem('kefu.console.lang') || 'zh';

  function t(key, values) {
    var text = Object.prototype.hasOwnProperty.call(WORDS[lang], key) ? WORDS[lang][key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) { return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all; });
  }
  function apply() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach(function (el) { el.textContent = t(el.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (el) { el.placeholder = t(el.getAttribute('data-i18n-placeholder')); });
    document.getElementById('lang').textContent = lang === 'zh' ? 'EN' : '中文';
  }
  function toggle() {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('kefu.console.lang', lang);
    apply();
  }
  /** Pages with their own words (cases.html) add them here, both languages at once. */
  function addWords(more) { Object.keys(more).forEach(function (l) { Object.assign(WORDS[l], more[l]); }); }
  window.Kefu = { t: t, applyLanguage: apply, toggleLanguage: toggle, lang: function () { return lang; }, addWords: addWords };
})();
