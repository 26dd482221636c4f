import { expect, test } from 'vitest';
import { EngineEmitter, modelErrorEvent, sourceErrorEvent, type EngineEvent } from './engine-events';
import { SourceError } from './sources';

test('the emitter hands each event to each listener in subscription order, until it unsubscribes or all are cleared', () => {
  const emitter = new EngineEmitter();
  const got: string[] = [];
  const offA = emitter.on((e) => got.push(`a:${e.type}`));
  emitter.on((e) => got.push(`b:${e.type}`));
  emitter.emit({ type: 'recovered' });
  offA();
  emitter.emit({ type: 'face', present: true });
  emitter.clear();
  emitter.emit({ type: 'recovered' });
  expect(got).toEqual(['a:recovered', 'b:recovered', 'b:face']);
});

test('tracker and source failures become error events with a sentence', () => {
  expect(modelErrorEvent('Face tracking failed', new Error('out of memory'))).toEqual<EngineEvent>({ type: 'error', code: 'model', message: 'Face tracking failed: out of memory' });
  expect(modelErrorEvent('The face tracker could not load', 'no weights')).toEqual<EngineEvent>({ type: 'error', code: 'model', message: 'The face tracker could not load: no weights' });
  expect(sourceErrorEvent(new SourceError('permission-denied', 'Camera access was refused.'))).toEqual<EngineEvent>({
    type: 'error',
    code: 'permission-denied',
    message: 'Camera access was refused.',
  });
  expect(sourceErrorEvent(new Error('bad header'))).toEqual<EngineEvent>({ type: 'error', code: 'corrupt-file', message: 'bad header' });
});
