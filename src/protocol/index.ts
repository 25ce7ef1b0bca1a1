export { crc32Signed } from './crc32.ts';
export { frameFailure, isLevelList, isSequenceId, parseJsonObject } from './frame-failure.ts';
export type { FrameFailure } from './frame-failure.ts';
export { scanBinanceDepthUpdate } from './binance-depth-scanner.ts';
export { parseBinanceFrame, parseBinanceFrameBytes, parseBinanceFrameJson, parseBinanceSnapshot } from './binance-frames.ts';
export type { BinanceAck, BinanceDepthUpdate, BinanceErrorFrame, BinanceFrame, BinanceSnapshot } from './binance-frames.ts';
export { parseOkxFrame } from './okx-frames.ts';
export type { OkxBooksFrame, OkxEventFrame, OkxFrame, OkxPongFrame } from './okx-frames.ts';
export { OKX_CHECKSUM_LEVELS, okxChecksum, okxChecksumText } from './okx-checksum.ts';
