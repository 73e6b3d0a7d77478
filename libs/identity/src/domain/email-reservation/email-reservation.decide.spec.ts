import { ConflictError } from '@app/platform';
import { given } from '@app/platform/testing';
import { UnprotectedValueError } from '../protected-values';
import { emailReservationDecider } from './email-reservation.decide';
import { EmailTaken } from './email-reservation.errors';
import type { AccountEmailReleased, AccountEmailReserved } from './email-reservation.events';
import { emailReservationStream } from './email-reservation.stream';

const emailHash = '3b5d5c3712955042212316173ccf37be8ef2aa7cbb1b1aa8db2c9c3ba4f5a1c4';
const ann = '6f1c1c53-7a35-4f7e-9d3c-0b3c2f0f4a11';
const bob = '0d5a7b8e-1f7c-4b1e-8f55-3f2f9a5a1c22';
const reserved = (accountId: string): AccountEmailReserved => ({ type: 'AccountEmailReserved', data: { email_hash: emailHash, account_id: accountId } });
const released = (accountId: string): AccountEmailReleased => ({ type: 'AccountEmailReleased', data: { email_hash: emailHash, account_id: accountId } });

describe('email reservation stream', () => {
  it('is named by the email hash, and refuses anything that is not one', () => {
    expect(emailReservationStream(emailHash)).toBe(`accountEmail-${emailHash}`);
    expect(() => emailReservationStream('ann@example.com')).toThrow(UnprotectedValueError);
  });
});

describe('ReserveEmail', () => {
  it('reserves a free email', () => {
    given(emailReservationDecider, []).when({ type: 'ReserveEmail', emailHash, accountId: ann }).then([reserved(ann)]);
  });

  it('does nothing when the account already holds it', () => {
    given(emailReservationDecider, [reserved(ann)]).when({ type: 'ReserveEmail', emailHash, accountId: ann }).then([]);
  });

  it("refuses another account's email, naming the holder for the application", () => {
    given(emailReservationDecider, [reserved(ann)]).when({ type: 'ReserveEmail', emailHash, accountId: bob }).thenThrows(EmailTaken);
    given(emailReservationDecider, [reserved(ann)]).when({ type: 'ReserveEmail', emailHash, accountId: bob }).thenThrows(ConflictError);
    let thrown: unknown;
    try {
      emailReservationDecider.decide({ type: 'ReserveEmail', emailHash, accountId: bob }, emailReservationDecider.evolve(emailReservationDecider.initialState(), reserved(ann)));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ holderAccountId: ann, status: 409 });
    expect((thrown as EmailTaken).description).not.toContain(ann);
  });

  it('reserves a released email again, for anyone', () => {
    given(emailReservationDecider, [reserved(ann), released(ann)]).when({ type: 'ReserveEmail', emailHash, accountId: bob }).then([reserved(bob)]);
    given(emailReservationDecider, [reserved(ann), released(ann)]).when({ type: 'ReserveEmail', emailHash, accountId: ann }).then([reserved(ann)]);
  });

  it('refuses a clear email in place of its hash', () => {
    given(emailReservationDecider, []).when({ type: 'ReserveEmail', emailHash: 'ann@example.com', accountId: ann }).thenThrows(UnprotectedValueError);
  });
});

describe('ReleaseEmail', () => {
  it('releases the email of its holder', () => {
    given(emailReservationDecider, [reserved(ann)]).when({ type: 'ReleaseEmail', emailHash, accountId: ann }).then([released(ann)]);
  });

  it('does nothing for anyone but the holder, or when the email is free', () => {
    given(emailReservationDecider, [reserved(ann)]).when({ type: 'ReleaseEmail', emailHash, accountId: bob }).then([]);
    given(emailReservationDecider, []).when({ type: 'ReleaseEmail', emailHash, accountId: ann }).then([]);
    given(emailReservationDecider, [reserved(ann), released(ann)]).when({ type: 'ReleaseEmail', emailHash, accountId: ann }).then([]);
  });

  it("does not let a former holder free the new holder's email", () => {
    given(emailReservationDecider, [reserved(ann), released(ann), reserved(bob)]).when({ type: 'ReleaseEmail', emailHash, accountId: ann }).then([]);
    given(emailReservationDecider, [reserved(ann), released(ann), reserved(bob)])
      .when({ type: 'ReserveEmail', emailHash, accountId: ann })
      .thenThrows(EmailTaken);
  });
});
