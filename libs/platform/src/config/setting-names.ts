import { instanceToPlain } from 'class-transformer';
import { AppConfig } from './app-config';

/** The environment variables the service reads, in declaration order (for docs and their tests). */
export function settingNames(): string[] {
  return Object.keys(instanceToPlain(new AppConfig()));
}
