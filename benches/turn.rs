//! Benchmarks: a full playthrough of the largest shipped scenario, and per-turn scaling.
fn main() {}
