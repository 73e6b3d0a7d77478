import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';

type ParserDone = (error: Error | null, body?: unknown) => void;

/** Text that a JSON client meant as JSON: an object or an array. Anything else stays a string. */
function looksLikeJson(text: string): boolean {
  const start = text.trimStart()[0];
  return start === '{' || start === '[';
}

/**
 * Accept JSON bodies from clients that label them text/plain (browsers' "simple" requests that
 * avoid a CORS preflight) or send no Content-Type at all. JSON-looking text goes through Fastify's
 * own JSON parser (same prototype-poisoning guard, same 400 on bad syntax); other text is kept as a
 * string. A body with any other unknown media type still answers 415.
 */
export function registerLenientJsonParsers(instance: FastifyInstance, bodyLimit: number): void {
  const parseJson = instance.getDefaultJsonParser('error', 'error');
  const parseText = (request: FastifyRequest, text: string, done: ParserDone): void => {
    if (looksLikeJson(text)) parseJson(request, text, done);
    else done(null, text);
  };

  instance.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit }, (request, text, done) => {
    parseText(request, text as string, done);
  });

  // Fastify sends a body without Content-Type to the catch-all parser, and so every media type
  // nobody registered: those keep their 415, except on unknown routes, which answer 404.
  instance.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, (request, text, done) => {
    if (request.headers['content-type'] === undefined) parseText(request, text as string, done);
    else if (request.is404) done(null, undefined);
    else done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE());
  });
}
