/**
 * CRC-32 (IEEE 802.3, as zlib computes it) returned as a signed 32-bit integer, the way OKX sends its
 * order-book checksum. Node 20 has no zlib.crc32, so this is the classic table-driven form.
 */
/** The byte-at-a-time lookup table (reflected polynomial 0xEDB88320), shared with the mock's token-wise CRC. */
export const CRC32_TABLE: Int32Array = buildTable();
const TABLE = CRC32_TABLE;

function buildTable(): Int32Array {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
}

/** CRC-32 of a string's Latin-1/ASCII code units (checksum strings are ASCII), as a signed int32. */
export function crc32Signed(text: string): number {
  let crc = -1;
  for (let i = 0; i < text.length; i++) {
    crc = (TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ -1) | 0;
}
