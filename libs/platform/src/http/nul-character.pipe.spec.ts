import { ValidationError } from './api-errors';
import { NulCharacterPipe } from './nul-character.pipe';

describe('NulCharacterPipe', () => {
  const pipe = new NulCharacterPipe();

  it('lets ordinary values through unchanged', () => {
    const body = { name: 'Zoë', company: { phone: '+1 555' }, tags: ['a', 'b'] };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('names the field holding a NUL character, however deep', () => {
    const thrown = (() => {
      try {
        pipe.transform({ organization: { company: { website: 'x\u0000y' } } }, { type: 'body' });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).invalidFields).toEqual({ 'organization.company.website': 'must not contain NUL characters' });
  });

  it('refuses unpaired surrogates, which PostgreSQL cannot store, and keeps paired ones', () => {
    expect(() => pipe.transform({ name: 'a\ud800' }, { type: 'body' })).toThrow(ValidationError);
    expect(() => pipe.transform({ name: '\udfffa' }, { type: 'body' })).toThrow(ValidationError);
    expect(() => pipe.transform('\ud83d', { type: 'query', data: 'type' })).toThrow(ValidationError);
    const emoji = { name: 'smile \ud83d\ude00' };
    expect(pipe.transform(emoji, { type: 'body' })).toBe(emoji);
  });

  it('checks path parameters too', () => {
    expect(() => pipe.transform('a\u0000', { type: 'param', data: 'account_id' })).toThrow(ValidationError);
  });
});
