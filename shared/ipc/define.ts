import type { z } from 'zod';
import type { Result } from './result';

/** One request/response method of the contract: its argument and result schemas. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> => ({ input, output });

/**
 * One pushed event: its payload and, optionally, the subscription argument (VS Code's
 * `listen(event, arg)`): a page subscribes with an argument and hears only the events `matches`
 * lets through (one draft's export progress, one post job). Without an argument it hears them all.
 */
export interface EventSpec<P extends z.ZodType = z.ZodType, A extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly arg: A | null;
  readonly matches: ((arg: z.output<A>, payload: z.output<P>) => boolean) | null;
}

export const event = <P extends z.ZodType>(payload: P): EventSpec<P, z.ZodNever> => ({ payload, arg: null, matches: null });
export const eventFor = <P extends z.ZodType, A extends z.ZodType>(payload: P, arg: A, matches: (arg: z.output<A>, payload: z.output<P>) => boolean): EventSpec<P, A> => ({
  payload,
  arg,
  matches,
});

/** One noun of the contract (`drafts`, `media`, …): its methods and the events it pushes. */
export interface Noun<M extends Readonly<Record<string, MethodSpec>> = Readonly<Record<string, MethodSpec>>, E extends Readonly<Record<string, EventSpec>> = Readonly<Record<string, EventSpec>>> {
  readonly methods: M;
  readonly events: E;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function noun<M extends Readonly<Record<string, MethodSpec>>, E extends Readonly<Record<string, EventSpec>> = {}>(spec: { readonly methods: M; readonly events?: E }): Noun<M, E> {
  return { methods: spec.methods, events: spec.events ?? ({} as E) };
}

export type NounsSpec = Readonly<Record<string, Noun>>;

/** The request side of a set of nouns: `{ drafts: { list: MethodSpec, … }, … }`. */
export type MethodsOf<N extends NounsSpec> = { readonly [K in keyof N]: N[K]['methods'] };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every noun's events under `noun.event` names: the names come from the keys, never typed twice. */
export type EventSpecsOf<N extends NounsSpec> = UnionToIntersection<{ [K in keyof N & string]: { readonly [E in keyof N[K]['events'] & string as `${K}.${E}`]: N[K]['events'][E] } }[keyof N & string]>;

export function methodsOf<N extends NounsSpec>(nouns: N): MethodsOf<N> {
  const out: Record<string, Noun['methods']> = {};
  for (const [name, n] of Object.entries(nouns)) out[name] = n.methods;
  return out as MethodsOf<N>;
}

export function eventSpecsOf<N extends NounsSpec>(nouns: N): EventSpecsOf<N> {
  const out: Record<string, EventSpec> = {};
  for (const [name, n] of Object.entries(nouns)) for (const [e, spec] of Object.entries(n.events)) out[`${name}.${e}`] = spec;
  return out as EventSpecsOf<N>;
}

/** Event name → payload schema, what the transports validate pushed payloads with. */
export function payloadsOf<S extends Readonly<Record<string, EventSpec>>>(specs: S): { readonly [K in keyof S]: S[K]['payload'] } {
  const out: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.payload;
  return out as { readonly [K in keyof S]: S[K]['payload'] };
}

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
export type ArgsOf<T> = undefined extends T ? [input?: T] : [input: T];

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
