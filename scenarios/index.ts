export { SHIPPED_SCENARIOS } from './shipped-scenarios.ts';
