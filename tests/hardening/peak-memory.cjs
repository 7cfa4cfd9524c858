// Preloaded into a CLI run by tests/hardening/hostile-build.ts: reports the process's peak memory and the CPU
// time it used, on exit. CPU time rather than wall time: 2 cores are shared by many, wall time varies 5-fold.
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMicroseconds = usage.userCPUTime + usage.systemCPUTime;
  process.stderr.write(`\natelier-test-usage peak-rss-kb=${usage.maxRSS} cpu-us=${cpuMicroseconds}\n`);
});
