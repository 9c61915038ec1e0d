import { basicNormalize } from './normalize';

/**
 * Synonyms every FAQ gets before its own `synonyms.yaml`: how players of any game write the same thing
 * (登陆 for 登录, 咋办, 开黑, 460, 喷子). A studio's file extends them; where it names a term of a group
 * here, the rest of that group joins the studio's group (see mergeSynonyms). `baseSynonyms: false` in
 * `matcher.yaml` turns them off.
 *
 * What belongs here: terms that mean the same in every game's support chat. Not here: a game's own
 * currencies and names (钻石 is premium in one game, 金币 in another), words with a second meaning in
 * some games (挂机 is AFK in a MOBA and idle farming in an MMO; 卡住 is stuck, not lag; 关服 is as often
 * the end of a game's service as maintenance), and English
 * beyond what Chinese players type (bug, cdk, 460): stemming already joins English variants, and an English
 * word folded into a Chinese one would lose its character trigrams.
 */
export const BASE_SYNONYMS: readonly (readonly string[])[] = [
  // Accounts and logging in
  ['登录', '登陆', '登入', '上号'],
  ['登出', '退出登录', '退出账号', '注销登录'],
  ['登录不上', '登不上', '登不进去', '登录不进去', '登录不了', '登不了', '无法登录', '上不了号', '上不去号'],
  ['账号', '账户', '游戏号', '游戏账号'],
  ['忘记', '忘了', '不记得', '想不起来', '记不住', '记不得', '忘掉'],
  ['验证码', '短信验证码', '手机验证码', '校验码', '动态码'],
  ['绑定', '关联', '绑上'],
  ['解绑', '解除绑定', '取消绑定'],
  ['手机号', '手机号码', '电话号码', '电话号', '门号'],
  ['注销', '删号', '销号', '删除账号', '注销账号'],
  ['盗号', '被盗', '号被盗', '账号被盗', '被人盗了', '号被偷'],
  ['找回', '找回来', '弄回来', '拿回来'],
  ['实名', '实名认证', '实名制', '身份认证'],
  ['未成年', '未成年人', '小孩', '孩子', '小朋友', '熊孩子'],
  ['家长', '父母', '监护人'],
  ['防沉迷', '防沉迷系统', '健康系统'],
  // Bans and behaviour
  ['封号', '账号封禁', '封禁', '被封', '被封禁', '被封号', '被ban', '禁封'],
  ['禁言', '被禁言', '不能发言', '发不了言'],
  ['申诉', '解封申请', '申请解封'],
  ['外挂', '开挂', '挂逼', '作弊', '脚本'],
  ['举报', '检举'],
  ['辱骂', '骂人', '喷人', '喷子', '说脏话', '爆粗口'],
  ['消极比赛', '演员', '送人头', '故意送人头', '故意输'],
  // Technical problems
  ['闪退', '崩溃', '崩了', '崩掉', '闪出', '自动退出', '秒退'],
  ['卡顿', '很卡', '好卡', '太卡', '超卡', '卡死', '掉帧', '不流畅'],
  ['延迟', '高延迟', '网络延迟', '延时', '460'],
  ['掉线', '断线', '断开连接'],
  ['踢下线', '被踢', '强制下线', '踢出'],
  ['发烫', '发热', '很烫', '好烫', '超烫', '烫手', '太烫'],
  ['耗电', '费电', '掉电', '耗电快', '掉电快'],
  ['更新', '版本更新', '下载更新', '热更新'],
  ['更新失败', '下载失败', '更新不了', '下载不了', '下不动', '更新不动'],
  ['失败', '报错', '出错', '不成功'],
  ['截图', '截屏'],
  ['不见了', '消失了', '丢失', '丢了', '找不到了'],
  ['bug', '八阿哥', '漏洞', '故障'],
  // Servers
  ['维护', '停服', '停机维护', '停服维护'],
  ['补偿', '补偿奖励', '维护补偿'],
  ['转服', '换服', '转区', '换区'],
  ['合服', '合区', '服务器合并'],
  ['服务器', '区服', '伺服器'],
  // Money
  ['充值', '氪金', '冲值', '储值', '充钱', '课金'],
  ['首充', '首次充值', '第一次充值'],
  ['误充', '误充值', '充错了'],
  ['退款', '退钱', '退费', '退回来', '退给我'],
  ['到账', '入账'],
  ['没到账', '未到账', '不到账', '没有到账', '还没到账'],
  ['支付', '付款', '付钱'],
  ['扣款', '扣钱', '扣费', '被扣钱'],
  ['发票', '收据'],
  // Game features
  ['礼包码', '兑换码', '激活码', 'cdk', 'cdkey', '礼品码', '福利码'],
  ['邮件', '游戏邮件', '系统邮件', '邮箱'],
  ['角色', '人物', '游戏角色'],
  ['名字', '昵称', '角色名', '名称', '游戏名'],
  ['改名', '改昵称', '改名字', '换名字'],
  ['公会', '工会', '帮派', '帮会'],
  ['好友', '游戏好友'],
  ['加好友', '添加好友', '加为好友'],
  ['组队', '开黑', '组排'],
  ['概率', '几率', '机率', '爆率', '出货率'],
  ['卡池', '池子'],
  ['返场', '复刻'],
  ['赠送', '送给'],
  ['排名', '名次'],
  ['信誉分', '信誉积分', '信用分', '信誉值'],
  // Taiwan's words (after Traditional → Simplified characters, 伺服器 is still not 服务器)
  ['短信', '简讯'],
  ['网络', '网路'],
  ['软件', '软体'],
  ['屏幕', '萤幕'],
  ['设置', '设定'],
  ['视频', '影片'],
  ['死机', '当机'],
  ['消息', '讯息'],
  ['连接', '连线'],
  ['在线', '线上'],
  ['默认', '预设'],
  ['信息', '资讯'],
  // Talking to the bot
  ['人工客服', '真人客服', '人工服务', '在线客服'],
  ['怎么办', '咋办', '怎么搞', '怎么弄', '咋整', '如何处理', '怎么处理', '怎么破'],
  ['谢谢', '多谢', '感谢', '谢啦', '谢了'],
  ['你好', '您好', '哈喽', '哈罗'],
];

/**
 * The FAQ's own groups with the base groups added. The FAQ wins: a base group that shares a term with
 * one of its groups adds its other terms to that group (so the studio's first term stays canonical), and a
 * term the FAQ already uses elsewhere stays where the FAQ put it.
 */
export function mergeSynonyms(own: string[][], base: readonly (readonly string[])[] = BASE_SYNONYMS): string[][] {
  const merged = own.map((group) => [...group]);
  const groupOf = new Map<string, number>();
  merged.forEach((group, i) => group.forEach((term) => groupOf.set(basicNormalize(term), i)));
  for (const group of base) {
    const keys = group.map(basicNormalize);
    const free = group.filter((_, k) => !groupOf.has(keys[k]));
    const joined = keys.map((key) => groupOf.get(key)).find((i) => i !== undefined);
    if (joined !== undefined) merged[joined].push(...free);
    else merged.push([...group]);
  }
  return merged;
}
