// memlab (a benchmark peer) depends on puppeteer; we never need its browser download (no network in CI).
module.exports = { skipDownload: true };
