// Benchmarks (npm run bench): each measures ours against a reference in the same run; results as plain data.
export type { BenchComparison, BenchFailure, BenchFigure, BenchReport, BenchResult, BenchTarget, MachineInfo } from './bench-result.ts';
export { betterRatio, compare, median, perSecond, relativeLoss, target } from './bench-stats.ts';
export { BENCHMARKS, findBenchmark, type BenchDefinition } from './bench-list.ts';
export { generateBookStream, type BookStream, type BookStreamOptions } from './book-stream.ts';
export { CcxtContender, loadCcxtOrderBook, OursContender, TardisContender, topArrays, type BookContender, type TopArrays } from './book-contenders.ts';
export { createContenders, crossCheckTop10, ORDER_BOOK_BENCH_DEFAULTS, runOrderBookBench, type OrderBookBenchOptions, type TopMismatch } from './order-book-bench.ts';
export { buildDepthFrames, type DepthFrames } from './depth-frames.ts';
export { checkIngested, ingest, INGEST_BENCH_DEFAULTS, parseOnly, parseOursOnly, parseSink, readyFeed, runIngestBench, type IngestBenchOptions, type ReadyFeed } from './ingest-bench.ts';
export { runSocketIngestBench, SOCKET_INGEST_BENCH_DEFAULTS, type SocketIngestBenchOptions } from './socket-ingest-bench.ts';
export { loadUrl, METRICS_LOAD_BENCH_DEFAULTS, runMetricsLoadBench, type LoadOutcome, type MetricsLoadBenchOptions } from './metrics-load-bench.ts';
export { PROBE_OVERHEAD_BENCH_DEFAULTS, runProbeOverheadBench, type ProbeOverheadBenchOptions } from './probe-overhead-bench.ts';
export { ensureSnapshots, HEAP_SNAPSHOT_BENCH_DEFAULTS, runHeapSnapshotBench, runHeapTool, type HeapSnapshotBenchOptions, type SnapshotSet } from './heap-snapshot-bench.ts';
export { bytesPerUnit, type AllocationEstimate } from './gc-free-windows.ts';
export { startSpan, timeSync, type Span } from './cpu-timer.ts';
export { describeMachine, machineInfo } from './machine-info.ts';
export { formatRatio, formatValue, renderBenchMarkdown, renderResult, renderTargetSummary } from './render-bench-markdown.ts';
export { benchReportJson, benchStamp, writeBenchReport } from './write-bench-report.ts';
