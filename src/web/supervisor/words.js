// The supervisor pages' words, Chinese first; the language is the console's (Kefu.lang()).
(function () {
  'use strict';
  var WORDS = {
    zh: {
      title: '主管台', nav_dashboard: '看板', nav_report: '日报', nav_agents: '绩效', nav_handover: '交接', nav_checks: '抽检', nav_search: '搜索',
      toDesk: '工作台', logout: '退出', role_agent: '客服', role_supervisor: '主管', role_admin: '管理员',
      slaBreaching: '首响超时', slaSoon: '即将超时', none: '无', agentsOnline: '在线客服', agent: '客服', tier: '队列', shift: '班次',
      status: '状态', load: '负载', online: '在线', offline: '离线', queue: '{tier} 排队', oldestWait: '最久等待 {wait}',
      lateBy: '已超时 {t}', dueIn: '剩余 {t}', messagesIn: '今日收到消息', messagesOut: '今日发出消息', dayIn: '收到消息', dayOut: '发出消息', nav_conversations: '会话', conversations: '今日会话',
      botAnswered: '机器人解答', deflection: '自助率', handoffs: '转人工', csat: '满意度', csatN: '{n} 份评价', ticketsOpen: '未结工单',
      date: '日期', trend: '趋势', week: '近 7 天', month: '近 30 天', exportCsv: '导出 CSV', chartBot: '机器人处理', chartChannels: '各渠道消息',
      chartCsat: '满意度分布', chartTrend: '趋势', topFaq: '热门问题', topGaps: '未解答问题', bugsComplaints: 'BUG 与投诉', perAgent: '客服',
      answered: '解答', clarified: '澄清', unknown: '不会', handed_off: '转人工', received: '收到', sent: '发出',
      ticketsCreated: '新建工单', ticketsResolved: '解决工单', firstResponseMedian: '首响中位', firstResponseP90: '首响 P90', withinSla: '首响达标',
      bug_critical: '严重 BUG', bug_major: '一般 BUG', bug_minor: '轻微 BUG', complaint: '投诉：{c}', stars: '{n} 星',
      from: '从', to: '到', show: '查看', handled: '处理', resolutionMedian: '解决中位', csatMean: '满意度', csatCount: '评价数',
      spotCheck: '抽检均分', spotCheckN: '抽检数',
      liveSheet: '当前未结工单', rota: '排班', noShift: '不排班', lastSheet: '{shift}班交接表（{time} 交班）', acknowledge: '已阅，接班',
      acknowledged: '已确认：{list}', mustAck: '请阅读上一班的交接表并确认接班', noSheet: '还没有交接表',
      ticket: '工单', player: '玩家', lastMessage: '玩家最后消息', notes: '备注', pending: '待办', handoverNote: '交接备注', addNote: '添加',
      pending_claim: '待接单', pending_first_response: '待首响', pending_agent_reply: '待客服回复', pending_player_reply: '等玩家回复',
      queued: '排队中', assigned: '处理中', waiting_player: '等玩家回复', resolved: '已解决', closed: '已关闭', bot: '机器人',
      draw: '抽取', drawn: '新抽取 {n} 条', day: '日期', score: '得分', unscored: '未评分', comment: '评语', save: '保存评分',
      saved: '已保存', scoredBy: '{who} 评分', points: '满分 {n}',
      searchText: '消息内容', searchPlayer: '玩家昵称 / UID / 角色', searchTicket: '工单号', allChannels: '全部渠道', allStatuses: '全部状态',
      search: '搜索', channel: '渠道', excerpt: '内容', updated: '更新时间', noResults: '没有找到', slaBanner: '工单 #{id} 首响超时',
      minutes: '{m} 分', seconds: '{s} 秒', hours: '{h} 小时 {m} 分', error: '操作失败',
    },
    en: {
      title: 'Supervisor', nav_dashboard: 'Dashboard', nav_report: 'Daily report', nav_agents: 'Performance', nav_handover: 'Handover', nav_checks: 'Spot checks', nav_search: 'Search',
      toDesk: 'Desk', logout: 'Log out', role_agent: 'agent', role_supervisor: 'supervisor', role_admin: 'admin',
      slaBreaching: 'First reply late', slaSoon: 'About to be late', none: 'None', agentsOnline: 'Agents online', agent: 'Agent', tier: 'Queue', shift: 'Shift',
      status: 'Status', load: 'Load', online: 'online', offline: 'offline', queue: '{tier} queue', oldestWait: 'oldest waits {wait}',
      lateBy: 'late by {t}', dueIn: 'due in {t}', messagesIn: 'Messages in today', messagesOut: 'Messages out today', dayIn: 'Messages in', dayOut: 'Messages out', nav_conversations: 'Conversations', conversations: 'Conversations today',
      botAnswered: 'Bot answered', deflection: 'Deflection', handoffs: 'Handoffs', csat: 'CSAT', csatN: '{n} ratings', ticketsOpen: 'Open tickets',
      date: 'Date', trend: 'Trend', week: 'Last 7 days', month: 'Last 30 days', exportCsv: 'Export CSV', chartBot: 'What the bot did', chartChannels: 'Messages by channel',
      chartCsat: 'Ratings', chartTrend: 'Trend', topFaq: 'Top FAQ entries', topGaps: 'Unanswered questions', bugsComplaints: 'Bugs and complaints', perAgent: 'Agents',
      answered: 'answered', clarified: 'clarified', unknown: "didn't know", handed_off: 'handed off', received: 'in', sent: 'out',
      ticketsCreated: 'Tickets created', ticketsResolved: 'Tickets resolved', firstResponseMedian: 'First reply median', firstResponseP90: 'First reply p90', withinSla: 'Within SLA',
      bug_critical: 'Critical bugs', bug_major: 'Major bugs', bug_minor: 'Minor bugs', complaint: 'Complaints: {c}', stars: '{n}★',
      from: 'From', to: 'To', show: 'Show', handled: 'Handled', resolutionMedian: 'Resolution median', csatMean: 'CSAT', csatCount: 'Ratings',
      spotCheck: 'Spot-check mean', spotCheckN: 'Checks',
      liveSheet: 'Unresolved tickets now', rota: 'Rota', noShift: 'no shift', lastSheet: 'Handover of shift {shift} (ended {time})', acknowledge: 'Read — take over',
      acknowledged: 'Acknowledged by: {list}', mustAck: 'Read the last shift\'s handover sheet and acknowledge it', noSheet: 'No handover sheet yet',
      ticket: 'Ticket', player: 'Player', lastMessage: 'Last player message', notes: 'Notes', pending: 'Pending', handoverNote: 'Handover note', addNote: 'Add',
      pending_claim: 'to claim', pending_first_response: 'first reply due', pending_agent_reply: 'agent to answer', pending_player_reply: 'waiting for player',
      queued: 'queued', assigned: 'assigned', waiting_player: 'waiting for player', resolved: 'resolved', closed: 'closed', bot: 'bot',
      draw: 'Draw', drawn: '{n} drawn', day: 'Day', score: 'Score', unscored: 'not scored', comment: 'Comment', save: 'Save score',
      saved: 'Saved', scoredBy: 'scored by {who}', points: 'max {n}',
      searchText: 'Message text', searchPlayer: 'Nickname / UID / role', searchTicket: 'Ticket #', allChannels: 'All channels', allStatuses: 'All statuses',
      search: 'Search', channel: 'Channel', excerpt: 'Text', updated: 'Updated', noResults: 'Nothing found', slaBanner: 'Ticket #{id}: first reply is late',
      minutes: '{m} min', seconds: '{s} s', hours: '{h} h {m} min', error: 'Something went wrong',
    },
  };

  function s(key, values) {
    var words = WORDS[Kefu.lang()] || WORDS.zh;
    var text = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : key;
    return text.replace(/\{(\w+)\}/g, function (all, name) { return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all; });
  }
  /** A duration in seconds as the floor says it: 45 秒, 3 分, 1 小时 5 分. */
  function duration(seconds) {
    var a = Math.abs(Math.round(seconds));
    if (a < 60) return s('seconds', { s: a });
    if (a < 3600) return s('minutes', { m: Math.floor(a / 60) });
    return s('hours', { h: Math.floor(a / 3600), m: Math.floor((a % 3600) / 60) });
  }
  function apply() {
    document.documentElement.lang = Kefu.lang() === 'zh' ? 'zh-CN' : 'en';
    document.title = s('title');
    document.querySelectorAll('[data-s]').forEach(function (el) { el.textContent = s(el.getAttribute('data-s')); });
    document.querySelectorAll('[data-s-placeholder]').forEach(function (el) { el.placeholder = s(el.getAttribute('data-s-placeholder')); });
    document.getElementById('sup-lang').textContent = Kefu.lang() === 'zh' ? 'EN' : '中文';
  }
  window.Sup = { s: s, duration: duration, applyWords: apply, views: {}, charts: {} };
})();
