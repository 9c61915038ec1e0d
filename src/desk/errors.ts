/**
 * A desk rule said no: `status` for HTTP (404, 409, 403…), `code` for the console to say it in the agent's
 * language, `message` for API users. Exposed to the client by the one error handler (koa's `expose`).
 */
export class DeskError extends Error {
  readonly expose = true;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (ticketId: number) => new DeskError(404, 'ticket_not_found', `ticket ${ticketId} does not exist`);
