import type { Position } from '../event-store/position';
import { OwnBatchChanges } from './own-batch-changes';

const at = (commit: number): Position => ({ commit: BigInt(commit), prepare: BigInt(commit) });

describe('what this process’s own projection batches did to the change counter', () => {
  it('covers a write when this process leads every projection named from before it', () => {
    const changes = new OwnBatchChanges();
    changes.leading('accounts', at(10));
    changes.leading('tokens', null);
    changes.committed(7);
    expect(changes.counterCovering(at(11), ['accounts', 'tokens'])).toBe(7);
  });

  it('does not cover a write that a projection it does not lead may have applied', () => {
    const changes = new OwnBatchChanges();
    changes.leading('accounts', null);
    changes.committed(3);
    expect(changes.counterCovering(at(5), ['accounts', 'tokens'])).toBeUndefined();
  });

  it('does not cover a write at or before the checkpoint its lead started from (an earlier leader applied it)', () => {
    const changes = new OwnBatchChanges();
    changes.leading('accounts', at(10));
    expect(changes.counterCovering(at(10), ['accounts'])).toBeUndefined();
    expect(changes.counterCovering(at(9), ['accounts'])).toBeUndefined();
  });

  it('stops covering once a lead ends, and a new lead starts from its own checkpoint', () => {
    const changes = new OwnBatchChanges();
    changes.leading('accounts', null);
    changes.notLeading('accounts');
    expect(changes.counterCovering(at(5), ['accounts'])).toBeUndefined();
    changes.leading('accounts', at(20));
    expect(changes.counterCovering(at(15), ['accounts'])).toBeUndefined();
    expect(changes.counterCovering(at(21), ['accounts'])).toBe(0);
  });

  it('keeps the highest counter reported, whatever order the batches report in', () => {
    const changes = new OwnBatchChanges();
    changes.leading('accounts', null);
    changes.committed(9);
    changes.committed(4);
    expect(changes.counterCovering(at(1), ['accounts'])).toBe(9);
  });
});
