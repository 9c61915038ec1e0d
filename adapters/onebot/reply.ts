import type { Address } from '../../src/core/types';
import type { Segment } from './cq';
import type { OnebotReplyContext } from './parse';

/**
 * A reply as segments: in a group it quotes the player's message and @s them (issue #6); in private chat
 * it is the text alone. Segments need no escaping; toCq() turns them into a CQ string where one is needed.
 */
export function replySegments(to: Pick<Address, 'userId' | 'groupId' | 'replyContext'>, text: string): Segment[] {
  if (!to.groupId) return [{ type: 'text', data: { text } }];
  const quoted = (to.replyContext as OnebotReplyContext | undefined)?.messageId;
  return [
    ...(quoted ? [{ type: 'reply', data: { id: quoted } }] : []),
    { type: 'at', data: { qq: to.userId } },
    { type: 'text', data: { text: ` ${text}` } },
  ];
}

/** An id for an action's params: OneBot implementations expect int64 numbers (§3.3); QQ numbers are safe integers. */
function numericId(id: string): number | string {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : id;
}

/** The action that sends `segments` to the address's chat. */
export function sendAction(to: Pick<Address, 'userId' | 'groupId'>, segments: Segment[]): { action: string; params: object } {
  return to.groupId
    ? { action: 'send_group_msg', params: { group_id: numericId(to.groupId), message: segments } }
    : { action: 'send_private_msg', params: { user_id: numericId(to.userId), message: segments } };
}
