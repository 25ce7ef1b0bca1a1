/** Collector configuration: shape and defaults, config file, SOAK_* environment, and the layered loader. */
export { CONFIG_DEFAULTS, EXCHANGE_DEFAULTS, EXCHANGE_IDS, FEED_TUNING_DEFAULTS, SINK_MODES, SYMBOL_PATTERN, validateConfig } from './collector-config.ts';
export type { CollectorConfig, ConfigLayer, FeedLayer, FeedTuning } from './collector-config.ts';
export { parseConfigFile, readConfigFile } from './config-file.ts';
export { ENV_PREFIXES, readEnvLayer } from './env-config.ts';
export { loadConfig, mergeLayers } from './load-config.ts';
export type { LoadConfigInput } from './load-config.ts';
