/** The accounts the out-of-process benches configure and sign with. */
export const BENCH = {
  wechatToken: 'benchtoken',
  appId: 'wxb11529c136998cb6',
  onebotToken: 'bench-token',
  selfId: '10001000',
  questions: ['忘记密码怎么办', '怎么充值', '游戏卡顿怎么办', '你好', '账号被盗了怎么办', '怎么改名', '退款', '闪退怎么办'],
};
