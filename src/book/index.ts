export { OrderBook } from './order-book.ts';
export type { SideName, LevelList } from './order-book.ts';
export { BookSide } from './book-side.ts';
export type { LevelChange } from './book-side.ts';
export { parseDecimal, parseScaledInto } from './parse-decimal.ts';
