// Preloaded into a CLI run by tests/hardening/hostile-build.ts: reports the process's peak memory on exit.
process.on('exit', () => {
  process.stderr.write(`\natelier-test-peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
