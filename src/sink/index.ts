/** The NDJSON sink: hourly rotating files with bounded open files and queue, and the recorder that fills them. */
export { BookRecorder } from './book-recorder.ts';
export type { BookRecorderOptions, SinkMode } from './book-recorder.ts';
export { diffTopLevels } from './diff-top-levels.ts';
export type { Level } from './diff-top-levels.ts';
export { RotatingFileWriter } from './rotating-file-writer.ts';
export type { RotatingFileWriterOptions, SinkCounters, WriteOutcome } from './rotating-file-writer.ts';
