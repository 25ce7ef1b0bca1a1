export { startMockExchange } from './start-mock-exchange.ts';
export type { FeedSource, MockExchange, MockExchangeOptions, MockExchangeStats, TruthBook } from './mock-exchange-types.ts';
export type { FaultKind, FaultSpec } from './fault-spec.ts';
export { planFaults, type FaultFiring } from './fault-scheduler.ts';
export { okxChecksum, okxChecksumText } from './okx-checksum.ts';
export { MAX_CLIENT_BUFFERED_BYTES } from './mock-hub.ts';
export { readCapture, writeRecording, type CaptureRecord, type CaptureDirection } from './capture-file.ts';
export { loadFaultSpecs, parseFaultSpecs } from './fault-spec-text.ts';
export { createPrng, deriveSeed, type Prng } from './prng.ts';
