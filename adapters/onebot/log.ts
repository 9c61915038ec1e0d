/** The part of the service logger (pino) the OneBot adapter uses. */
export interface OnebotLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
