// Preloaded (node --require) into a process the benchmark runs: prints the most memory the process
// held (its peak resident set) on stderr as it exits; Node cannot read a child's peak itself.
process.on('exit', () => process.stderr.write(`\npeak-rss ${process.resourceUsage().maxRSS * 1024}\n`));
