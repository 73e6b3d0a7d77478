import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../events/event-envelope';
import type { EventMetadata } from '../events/event-metadata';

export function testMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const id = randomUUID();
  return {
    schemaVersion: 1,
    correlationId: id,
    causationId: id,
    actorId: 'system',
    requestId: id,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

export function testEvent(type: string, data: unknown = {}, metadata: Partial<EventMetadata> = {}): EventToAppend {
  return { id: randomUUID(), type, data, metadata: testMetadata(metadata) };
}

export function uniqueStream(category = 'test'): string {
  return `${category}-${randomUUID()}`;
}
