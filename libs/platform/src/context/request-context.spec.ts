import { actorOf, recordWrite, type RequestContext } from './request-context';
import { RequestCommand } from './request-command';

const position = (commit: number, prepare: number) => ({ commit: BigInt(commit), prepare: BigInt(prepare) });

function newContext(requestId = 'req-1'): RequestContext {
  return { requestId, correlationId: requestId };
}

class PingCommand extends RequestCommand<void> {}

describe('request context', () => {
  it('given several writes, when recorded out of order, then the greatest position is kept', () => {
    const context = newContext();

    recordWrite(context, position(5, 2));
    recordWrite(context, position(7, 0));
    recordWrite(context, position(7, 1));
    recordWrite(context, position(6, 9));

    expect(context.writtenPosition).toEqual(position(7, 1));
  });

  it('given two requests, when each records a write, then neither sees the other', () => {
    const first = newContext('a');
    const second = newContext('b');

    recordWrite(first, position(3, 0));
    recordWrite(second, position(4, 0));

    expect([first.writtenPosition, second.writtenPosition]).toEqual([position(3, 0), position(4, 0)]);
  });

  it('given no request, when a write is recorded, then nothing fails', () => {
    expect(() => recordWrite(undefined, position(1, 0))).not.toThrow();
  });

  it('given a command sent within a request, then it carries that request context', () => {
    const context = newContext();

    const command = new PingCommand().within(context);

    expect(command.context).toBe(context);
    expect(new PingCommand().context).toBeUndefined();
  });

  it('names the account acting in a request, and the service (or the fallback given) outside one', () => {
    expect(actorOf({ ...newContext(), actorId: 'account-1' })).toBe('account-1');
    expect(actorOf(newContext())).toBe('system');
    expect(actorOf(undefined)).toBe('system');
    expect(actorOf(undefined, 'account-2')).toBe('account-2');
  });
});
