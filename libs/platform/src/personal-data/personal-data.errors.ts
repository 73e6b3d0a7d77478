/**
 * Not ApiErrors on purpose: neither is the client's fault, and the exception filter answers 500
 * for plain errors without leaking the message.
 */

/** A value failed authentication: altered, truncated, or sealed for another subject. */
export class PersonalDataIntegrityError extends Error {
  constructor(readonly subjectId: string) {
    super(`An encrypted personal value of subject ${subjectId} failed authentication`);
    this.name = new.target.name;
  }
}

/**
 * Encrypting needs the subject's key. A missing key means it was never created or was destroyed;
 * either way no new personal data may be written for that subject (it would undo an erasure).
 */
export class PersonalDataKeyMissingError extends Error {
  constructor(readonly subjectId: string) {
    super(`No personal data key for subject ${subjectId}: it was never created or the subject was erased`);
    this.name = new.target.name;
  }
}
