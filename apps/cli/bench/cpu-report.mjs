// Preloaded with --import: writes the process's CPU time (user + system, microseconds) to stderr as it exits.
process.on("exit", () => {
  const { user, system } = process.cpuUsage()
  process.stderr.write(`\ncpu-us ${user + system}\n`)
})
