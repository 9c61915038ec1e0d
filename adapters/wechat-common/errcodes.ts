/**
 * WeChat / WeCom API errcodes in words an agent or operator can act on (protocols.md §1.6, §1.7).
 * `kind` says what to do: refresh the token, retry later, refuse (recorded on the message), or a
 * configuration error the operator must fix (shown in /healthz).
 */
export type ErrKind = 'token' | 'retry' | 'refused' | 'config';

const CODES: Record<number, { kind: ErrKind; text: string }> = {
  [-1]: { kind: 'retry', text: '微信系统繁忙，稍后自动重试' },
  40001: { kind: 'token', text: 'access_token 无效或已被新的 token 取代' },
  40014: { kind: 'token', text: 'access_token 不合法' },
  42001: { kind: 'token', text: 'access_token 已过期' },
  40013: { kind: 'config', text: 'AppID 无效：请检查 KEFU_WECHAT_MP_APPID' },
  40125: { kind: 'config', text: 'AppSecret 无效：请检查 KEFU_WECHAT_MP_SECRET（公众号后台 → 基本配置）' },
  40164: { kind: 'config', text: '本服务器的 IP 不在白名单中：请在公众号后台 → 基本配置 → IP白名单 中添加本机出口 IP' },
  48001: { kind: 'config', text: '公众号未获得该接口权限（需认证的服务号/订阅号）' },
  45015: { kind: 'refused', text: '玩家超过 48 小时未互动或已取消关注，微信不允许再主动回复；等玩家再次发消息后才能回复' },
  45047: { kind: 'refused', text: '本窗口内的客服消息额度已用完（玩家发消息后 48 小时内最多 5 条）；等玩家再次发消息后才能回复' },
  40003: { kind: 'refused', text: '无效的 openid：玩家不属于这个公众号' },
  43004: { kind: 'refused', text: '玩家未关注公众号，无法发送' },
  45002: { kind: 'refused', text: '消息内容过长，请分几条发送' },
  45009: { kind: 'retry', text: '接口调用超过每日上限，稍后自动重试' },
  45011: { kind: 'retry', text: '接口调用过于频繁，稍后自动重试' },
};

export interface WechatErr {
  errcode: number;
  kind: ErrKind;
  /** Chinese, with the code, e.g. "45015 玩家超过 48 小时…". */
  message: string;
}

export function describeErrcode(errcode: number, errmsg = ''): WechatErr {
  const known = CODES[errcode];
  if (known) return { errcode, kind: known.kind, message: `${errcode} ${known.text}` };
  return { errcode, kind: 'refused', message: `${errcode} 微信接口错误：${errmsg || '未知错误'}` };
}
