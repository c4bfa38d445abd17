package filter

// CPUTime exposes cpuTime to the external benchmarks in package filter_test.
var CPUTime = cpuTime
