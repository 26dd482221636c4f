import { z } from 'zod';
import { specFor, type ContractSpec, type HandlersOf } from './define';
import { fail, ok, StudioFailure, type Result } from './result';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Told about every unexpected error (a handler bug), after it was turned into an `internal` envelope. */
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

/**
 * The one place a call crosses into main: checks the channel, validates the argument with the
 * contract's schema, runs the handler, validates what it returns, and wraps everything in a result
 * envelope. Both transports call this; handlers never see unvalidated input.
 */
export function createDispatch<C extends ContractSpec>(contract: C, handlers: HandlersOf<C>, options: DispatchOptions = {}): Dispatch {
  return async (channel, input) => {
    const spec = specFor(contract, channel);
    if (!spec) return fail('unknown_channel', { key: 'ipc.noMethod', params: { channel: String(channel).slice(0, 80) } });
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return fail('invalid_input', `${channel}: ${z.prettifyError(parsed.error)}`);
    const dot = channel.indexOf('.');
    const group = handlers[channel.slice(0, dot)] as Record<string, (input: unknown) => unknown>;
    const handler = group[channel.slice(dot + 1)];
    if (!handler) return fail('unknown_channel', { key: 'ipc.noHandler', params: { channel } });
    try {
      const value = await handler.call(group, parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(channel, checked.error);
        return fail('internal', { key: 'ipc.badResult', params: { channel } });
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof StudioFailure) return { ok: false, error: error.toError() };
      options.onInternalError?.(channel, error);
      return fail('internal', { key: 'ipc.failed', params: { channel, reason: error instanceof Error ? error.message : String(error) } });
    }
  };
}
