import type { z } from 'zod';
import type { Result } from './result';

/** One request/response method of the contract: its argument and result schemas. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> => ({ input, output });

/** Requests grouped by noun: `{ drafts: { list: MethodSpec, … }, … }`. */
export type ContractSpec = Readonly<Record<string, Readonly<Record<string, MethodSpec>>>>;
export type EventsSpec = Readonly<Record<string, z.ZodType>>;

/** What main implements: a missing or mistyped handler is a compile error. */
export type HandlersOf<C extends ContractSpec> = {
  readonly [N in keyof C]: {
    readonly [M in keyof C[N]]: (input: z.output<C[N][M]['input']>) => Promise<z.input<C[N][M]['output']>> | z.input<C[N][M]['output']>;
  };
};

/** What the renderer calls: the same shape, every call answered with a result envelope. */
export type ClientOf<C extends ContractSpec> = {
  readonly [N in keyof C]: {
    readonly [M in keyof C[N]]: (...input: ArgsOf<z.input<C[N][M]['input']>>) => Promise<Result<z.output<C[N][M]['output']>>>;
  };
};

/** Methods whose input is `undefined` may be called with no argument. */
type ArgsOf<T> = undefined extends T ? [input?: T] : [input: T];

export type EventName<E extends EventsSpec> = Extract<keyof E, string>;
export type EventPayload<E extends EventsSpec, K extends keyof E> = z.output<E[K]>;
export type EventListener<E extends EventsSpec, K extends keyof E> = (payload: EventPayload<E, K>) => void;

/** Channel names come from the contract's keys, never typed twice. */
export function channelsOf(contract: ContractSpec): readonly string[] {
  const channels: string[] = [];
  for (const noun of Object.keys(contract)) {
    for (const verb of Object.keys(contract[noun] ?? {})) channels.push(`${noun}.${verb}`);
  }
  return channels;
}

export function specFor(contract: ContractSpec, channel: string): MethodSpec | undefined {
  const dot = channel.indexOf('.');
  if (dot <= 0) return undefined;
  const noun = channel.slice(0, dot);
  const verb = channel.slice(dot + 1);
  if (!Object.hasOwn(contract, noun)) return undefined;
  const group = contract[noun];
  if (!group || !Object.hasOwn(group, verb)) return undefined;
  return group[verb];
}
