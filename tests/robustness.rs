//! Absurd-but-valid parameter values never panic or produce non-finite scores.

mod common;

use orgcraft::headless;
use orgcraft::scenario;

#[test]
fn every_parameter_at_its_extremes_keeps_scores_finite() {
    let base = common::load("pmo_gantt.ron");
    let json = serde_json::to_value(&base.raw.params).expect("params");
    let names: Vec<String> = json.as_object().expect("object").keys().cloned().collect();
    let mut checked = 0;
    for name in names {
        for value in ["0", "0.5", "1", "100", "1000000"] {
            let mut raw = base.raw.clone();
            let mut p = serde_json::to_value(&raw.params).expect("params");
            let v: serde_json::Value = if p[&name].is_u64() {
                serde_json::json!(value.parse::<f64>().unwrap_or(0.0) as u64)
            } else {
                serde_json::json!(value.parse::<f64>().unwrap_or(0.0))
            };
            p[&name] = v;
            let Ok(params) = serde_json::from_value(p) else {
                continue;
            };
            raw.params = params;
            raw.weeks = 6;
            // The plans script weeks beyond 6; they are not what this test is about.
            raw.plans.clear();
            // Values outside a parameter's range are refused with a diagnostic; that is fine.
            let Ok(sc) = scenario::from_raw("extreme.ron", raw, true) else {
                continue;
            };
            let mut bot = headless::policy_by_name("servant").expect("policy");
            let r = headless::run(&sc, "servant", bot.as_mut(), 1, None);
            for (what, x) in [
                ("culture", r.culture),
                ("product", r.product),
                ("combined", r.combined),
            ] {
                assert!(
                    x.is_finite() && (0.0..=100.0).contains(&x),
                    "params.{name} = {value}: {what} = {x}"
                );
            }
            for h in &r.history {
                assert!(
                    h.culture.is_finite() && h.product.is_finite(),
                    "params.{name} = {value}: week {} not finite",
                    h.week
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked > 100,
        "only {checked} extreme settings were accepted"
    );
}

#[test]
fn every_parameter_has_a_documented_range() {
    let json = serde_json::to_value(orgcraft::model::Params::default()).expect("params");
    for name in json.as_object().expect("object").keys() {
        let r = scenario::PARAM_RANGES.iter().find(|r| r.0 == name);
        let Some((_, lo, hi)) = r else {
            panic!("params.{name} has no range in PARAM_RANGES")
        };
        let d = json[name].as_f64().expect("number");
        assert!(
            (*lo..=*hi).contains(&d),
            "params.{name}: default {d} outside {lo}..={hi}"
        );
    }
}

/// Tokens spliced into scenarios by the fuzzer: misspellings, wrong types, extreme numbers,
/// deep nesting and names that do not exist, so the recovery and lookup paths are exercised.
const TOKENS: &[&str] = &[
    "engagment: 5,",
    "\"text\"",
    "1e308",
    "-1",
    "NaN",
    "inf",
    "18446744073709551616",
    "Platfrom",
    "OneOnOne(person: \"Nobody\")",
    "(week: 999, action: VisionSession)",
    "plans: [(name: \"x\", expect: ())],",
    "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "deps: [(provider: \"core\", work: 1.0)],",
    "r#\"raw\"#",
    "/* unclosed comment",
    "'c'",
    ",,,,",
    "Some(Some(Some(1)))",
];

/// Hostile rewrites of a whole file: the kinds `tests/hostile.rs` checks one by one, here mixed
/// with the mutations above so their combinations are tried too.
fn hostile(s: &mut orgcraft::model::rng::Stream, bytes: &mut Vec<u8>) {
    let at = s.below(bytes.len().max(1));
    match s.below(7) {
        // A byte-order mark (what Notepad writes), sometimes twice.
        0 => {
            for _ in 0..1 + s.below(2) {
                bytes.splice(0..0, b"\xEF\xBB\xBF".iter().copied());
            }
        }
        // The same text in UTF-16 or UTF-32, with or without a byte-order mark.
        1 => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let mut out: Vec<u8> = match s.below(3) {
                0 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                1 => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                _ => text
                    .chars()
                    .flat_map(|c| (c as u32).to_le_bytes())
                    .collect(),
            };
            if s.below(2) == 0 {
                out.splice(0..0, [0xFF, 0xFE]);
            }
            *bytes = out;
        }
        // Deep nesting of lists, structs, maps or named fields, closed or not.
        2 => {
            let (open, close): (&[u8], &[u8]) = match s.below(4) {
                0 => (b"[", b"]"),
                1 => (b"(", b")"),
                2 => (b"{\"k\": ", b"}"),
                _ => (b"a: (", b")"),
            };
            let depth = 1 + s.below(20_000);
            let mut chunk = open.repeat(depth);
            if s.below(2) == 0 {
                chunk.extend(close.repeat(depth));
            }
            bytes.splice(at..at, chunk);
        }
        // Control, escape and reordering characters, raw or as RON escapes inside a text.
        3 => {
            let nasty: [&[u8]; 6] = [
                b"\x1b[2J",
                b"\n",
                "\u{202e}".as_bytes(),
                b"\\u{1b}",
                b"\\n t.ron:1:1: error: forged",
                b"\r",
            ];
            let t = nasty[s.below(nasty.len())];
            let quote = bytes[at..]
                .iter()
                .position(|&b| b == b'"')
                .map(|k| at + k + 1);
            let k = quote.unwrap_or(at).min(bytes.len());
            bytes.splice(k..k, t.iter().copied());
        }
        // A closing bracket removed.
        4 => {
            if let Some(k) = bytes[at..].iter().position(|&b| b == b')' || b == b']') {
                bytes.remove(at + k);
            }
        }
        // Very long names and numbers.
        5 => {
            let long: Vec<u8> = match s.below(3) {
                0 => std::iter::repeat_n(b'a', 1 + s.below(200_000)).collect(),
                1 => std::iter::repeat_n(b'9', 1 + s.below(2_000)).collect(),
                _ => format!("\"{}\"", "x".repeat(1 + s.below(100_000))).into_bytes(),
            };
            bytes.splice(at..at, long);
        }
        // Many repeated entries (unknown fields, list items, plans).
        _ => {
            let items: [&[u8]; 3] = [b"zz: 1, ", b"1, ", b"(name: \"p\", expect: ()), "];
            let item = items[s.below(items.len())];
            let n = 1 + s.below(50_000);
            bytes.splice(at..at, item.repeat(n));
        }
    }
    bytes.truncate(orgcraft::scenario::limits::MAX_FILE_BYTES as usize + 16);
}

/// Loader fuzzing: `ORGCRAFT_FUZZ_INPUTS` sets the number of inputs (default 3000 in
/// `cargo test`; a longer run is `ORGCRAFT_FUZZ_INPUTS=200000 cargo test --release --test
/// robustness mutated`).
#[test]
fn mutated_and_random_inputs_never_panic_the_loader() {
    use orgcraft::model::rng::{Purpose, Stream};
    let files = common::shipped_and_template();
    let seeds: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    let total: u64 = std::env::var("ORGCRAFT_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let mut inputs = 0;
    let mut valid = 0;
    let mut slowest = (std::time::Duration::ZERO, 0);
    for i in 0..total {
        let mut s = Stream::new(77, Purpose::BotChoice, i, 0, 0);
        let mut bytes = seeds[s.below(seeds.len())].clone();
        match s.below(8) {
            // Hostile rewrites (encodings, nesting, control characters, huge values).
            6 | 7 => hostile(&mut s, &mut bytes),
            // Splice a hostile token anywhere.
            5 => {
                let at = s.below(bytes.len());
                let t = TOKENS[s.below(TOKENS.len())].as_bytes();
                for _ in 0..1 + s.below(3) {
                    bytes.splice(at..at, t.iter().copied());
                }
            }
            // Flip a few bytes.
            0 => {
                for _ in 0..1 + s.below(8) {
                    let k = s.below(bytes.len());
                    bytes[k] = (s.uniform() * 256.0) as u8;
                }
            }
            // Truncate anywhere.
            1 => bytes.truncate(s.below(bytes.len())),
            // Delete a slice.
            2 => {
                let a = s.below(bytes.len());
                let b = (a + s.below(200)).min(bytes.len());
                bytes.drain(a..b);
            }
            // Duplicate a slice (nesting, repeated fields).
            3 => {
                let a = s.below(bytes.len());
                let b = (a + s.below(400)).min(bytes.len());
                let chunk = bytes[a..b].to_vec();
                let at = s.below(bytes.len());
                bytes.splice(at..at, chunk);
            }
            // Pure noise.
            _ => {
                bytes = (0..s.below(2000))
                    .map(|_| (s.uniform() * 256.0) as u8)
                    .collect()
            }
        }
        // Whatever happens, the loader returns, quickly: a scenario or diagnostics naming the
        // file, each one safe line.
        let started = std::time::Instant::now();
        let parsed = scenario::parse("fuzz.ron", &bytes);
        let took = started.elapsed();
        if took > slowest.0 {
            slowest = (took, i);
        }
        match parsed {
            Ok(sc) => {
                valid += 1;
                assert!(headless::lint(&sc).iter().all(|d| d.file == "fuzz.ron"));
                // A mutated file that still validates must also play without panicking.
                if i % 10 == 0 {
                    let mut bot = headless::policy_by_name("random").expect("policy");
                    let r = headless::run(&sc, "random", bot.as_mut(), i, Some(sc.weeks().min(4)));
                    assert!(r.combined.is_finite());
                }
            }
            Err(d) => {
                assert!(!d.is_empty() && d.iter().all(|x| x.file == "fuzz.ron" && x.line >= 1));
                for x in &d {
                    let shown = x.to_string();
                    assert!(
                        !shown.chars().any(scenario::input::is_unsafe_char),
                        "input {i}: unsafe character in {shown:?}"
                    );
                }
            }
        }
        inputs += 1;
    }
    println!(
        "fuzz: {inputs} inputs, {valid} still valid, no panic; slowest parse {:?} (input {})",
        slowest.0, slowest.1
    );
    assert_eq!(inputs, total);
    // A generous bound: an input that takes seconds means work that grows faster than the file.
    assert!(
        slowest.0 < std::time::Duration::from_secs(5),
        "input {} took {:?}",
        slowest.1,
        slowest.0
    );
}
