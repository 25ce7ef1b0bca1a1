export { ALL_FAULT_KINDS, budgetsSchema, defineScenario, scenarioSchema } from './scenario-schema.ts';
export type { Scenario, ScenarioBudgets, ScenarioInput } from './scenario-schema.ts';
export { loadScenario, parseScenario, shippedScenarioNames } from './load-scenario.ts';
export { applyOverrides, inspectCapture } from './scenario-overrides.ts';
export type { CaptureInfo, ScenarioOverrides } from './scenario-overrides.ts';
