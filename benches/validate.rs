//! Benchmarks: the loader's time grows linearly with nesting depth and with file size.
//!
//! `cargo bench --bench validate` (release). Every input is generated here:
//!
//! - `validate_depth/<depth>`: `[[[…]]]` nested `depth` levels deep (refused at the nesting
//!   limit; the scan still reads the whole file).
//! - `validate_fields/<depth>`: `a: (a: (…))` named fields nested `depth` deep.
//! - `validate_members/<people>`: one valid team of `people` members (the whole resolve runs).
//! - `validate_list/<kib>`: a list of numbers filling `kib` KiB where a whole number belongs
//!   (the error path: recovery and diagnostics).
//!
//! Throughput is reported in bytes, so a linear loader shows the same MiB/s at every size.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use orgcraft::scenario;

fn nested(open: &str, close: &str, depth: usize) -> String {
    format!(
        "Scenario(id: \"x\", {}{})",
        open.repeat(depth),
        close.repeat(depth)
    )
}

fn members(people: usize) -> String {
    let list: Vec<String> = (0..people)
        .map(|i| format!("(name: \"Person {i}\")"))
        .collect();
    format!(
        "Scenario(id: \"big\", title: \"Big\", lesson: \"L\", briefing: \"B\", weeks: 12, \
         products: [(id: \"app\", segment: Smb, users: 12750, signups_base: 500, activation: 0.30)], \
         teams: [(id: \"core\", members: [{}])], \
         initiatives: [(id: \"onboarding\", team: \"core\", size: 10.0)], \
         objectives: [(metric: Activation, target: 0.32)])",
        list.join(", ")
    )
}

fn list(kib: usize) -> String {
    let n = kib * 1024 / 3;
    format!("Scenario(id: \"x\", weeks: [{}])", "1, ".repeat(n))
}

fn group(c: &mut Criterion, name: &str, inputs: Vec<(usize, String)>) {
    let mut g = c.benchmark_group(name);
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for (size, text) in inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| black_box(scenario::parse("bench.ron", text.as_bytes()).is_ok()))
        });
    }
    g.finish();
}

fn bench(c: &mut Criterion) {
    let depths = [1_000, 10_000, 100_000];
    group(
        c,
        "validate_depth",
        depths.iter().map(|&d| (d, nested("[", "]", d))).collect(),
    );
    group(
        c,
        "validate_fields",
        depths
            .iter()
            .map(|&d| (d, nested("a: (", ")", d)))
            .collect(),
    );
    group(
        c,
        "validate_members",
        [250, 500, 1_000, 2_000]
            .iter()
            .map(|&n| (n, members(n)))
            .collect(),
    );
    group(
        c,
        "validate_list",
        [64, 256, 1_000].iter().map(|&k| (k, list(k))).collect(),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
