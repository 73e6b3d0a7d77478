export { RandomDraws } from './random-draws';
