/** emailHash: sha256 of the lowercased email, lowercase hex, computed by the application. */
export interface ReserveEmail {
  readonly type: 'ReserveEmail';
  readonly emailHash: string;
  readonly accountId: string;
}

export interface ReleaseEmail {
  readonly type: 'ReleaseEmail';
  readonly emailHash: string;
  readonly accountId: string;
}

export type EmailReservationCommand = ReserveEmail | ReleaseEmail;
