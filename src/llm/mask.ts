// Player data never leaves the machine (issue #16): what is sent to the LLM service passes through here first.
// Placeholders stay readable, so the model still knows "the player gave a phone number" without the number.
const ID_NUMBER = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
const PHONE = /(?<!\d)(\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// QQ numbers, role ids, bank cards: any long run of digits is someone's number.
const LONG_DIGITS = /(?<!\d)\d{8,}(?!\d)/g;

export type Masker = (text: string) => string;

/** The masker for one configuration; `orderPattern` is the game's order-number format (KEFU_LLM_ORDER_PATTERN). */
export function createMasker(orderPattern?: string): Masker {
  const order = orderPattern ? new RegExp(orderPattern, 'g') : undefined;
  return (text) => {
    let out = order ? text.replace(order, '[订单号]') : text;
    out = out.replace(EMAIL, '[邮箱]').replace(ID_NUMBER, '[身份证号]').replace(PHONE, '[手机号]');
    return out.replace(LONG_DIGITS, '[号码]');
  };
}
