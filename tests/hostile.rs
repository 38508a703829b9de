//! Hostile scenario files stay harmless: each kind is generated here, and the loader must answer
//! with the documented message, within a bound on time and on peak memory measured here.
//!
//! The bounds are generous (5 s, 300 MB for the whole test process) so a slow machine does not
//! flake; on the 2-core build machine each case takes milliseconds (see benches/validate.rs).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use orgcraft::scenario::{self, Diagnostic, limits};

const TIME_BOUND: Duration = Duration::from_secs(5);
const MEMORY_BOUND_KB: u64 = 300 * 1024;

/// A fresh folder for this test binary's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgcraft-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `f`, returning its result, its wall time and the process's peak resident memory while
/// it ran (Linux: the high-water mark is reset first through /proc/self/clear_refs; where that
/// is refused, the peak since the process started, which can only be larger).
fn measured<R>(f: impl FnOnce() -> R) -> (R, Duration, Option<u64>) {
    // One measurement at a time: the high-water mark is the whole process's.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = Instant::now();
    let r = f();
    (r, start.elapsed(), status_kb("VmHWM:"))
}

/// Loads `path` under the bounds and returns its diagnostics (the load must fail).
fn refused(what: &str, path: &Path) -> Vec<Diagnostic> {
    let (result, took, peak) = measured(|| scenario::load(path));
    assert!(took < TIME_BOUND, "{what}: took {took:?}");
    if let Some(kb) = peak {
        assert!(kb < MEMORY_BOUND_KB, "{what}: peak memory {kb} KB");
    }
    println!(
        "{what}: {} bytes, {took:?}, peak {} KB",
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        peak.unwrap_or(0)
    );
    let d = result.expect_err(what);
    assert!(!d.is_empty(), "{what}: no diagnostics");
    for x in &d {
        one_safe_line(what, &x.to_string());
    }
    d
}

/// A diagnostic prints as one line with no control or reordering characters.
fn one_safe_line(what: &str, text: &str) {
    assert!(
        !text.chars().any(orgcraft::scenario::input::is_unsafe_char),
        "{what}: unsafe character in {text:?}"
    );
}

fn has(d: &[Diagnostic], what: &str, needle: &str) {
    assert!(
        d.iter().any(|x| x.to_string().contains(needle)),
        "{what}: no diagnostic says {needle:?}: {d:#?}"
    );
}

/// Fills a file to just under the size limit with `open`, then `close` (each repeated).
fn nested(open: &str, close: &str) -> String {
    let budget = limits::MAX_FILE_BYTES as usize - 64;
    let n = budget / (open.len() + close.len());
    format!("Scenario(id: \"x\", {}{})", open.repeat(n), close.repeat(n))
}

#[test]
fn deep_nesting_is_refused_quickly_with_the_depth_and_the_limit() {
    let dir = scratch("deep");
    let cases = [
        ("lists", nested("[", "]")),
        ("named fields", nested("a: (", ")")),
        ("maps", nested("{\"k\": ", "}")),
        (
            "unclosed lists",
            format!("Scenario(id: {}", "[".repeat(1_000_000)),
        ),
    ];
    for (what, text) in cases {
        let path = dir.join("deep.ron");
        std::fs::write(&path, &text).expect("write");
        assert!(
            text.len() as u64 <= limits::MAX_FILE_BYTES,
            "{what}: too big"
        );
        let d = refused(what, &path);
        has(&d, what, "levels deep; the limit is 32");
        assert_eq!(d.len(), 1, "{what}: {d:#?}");
    }
}

#[test]
fn wide_and_long_inputs_stay_bounded() {
    let dir = scratch("wide");
    let per = "1, ";
    let n = (limits::MAX_FILE_BYTES as usize - 100) / per.len();
    let long_name = "a".repeat(400_000);
    let cases = [
        (
            "a list of 300,000 numbers",
            format!("Scenario(id: \"x\", weeks: [{}])", per.repeat(n)),
            "expected a whole number",
        ),
        (
            "a 400,000-letter field name",
            format!("Scenario({long_name}: ({}))", "b: 1, ".repeat(90_000)),
            "unknown field",
        ),
        (
            "100,000 unknown fields",
            format!("Scenario({})", "zz: 1, ".repeat(100_000)),
            "unknown field `zz`",
        ),
    ];
    for (what, text, needle) in cases {
        let path = dir.join("wide.ron");
        std::fs::write(&path, &text).expect("write");
        let d = refused(what, &path);
        has(&d, what, needle);
        assert!(
            d.iter().all(|x| x.path.len() < 4000),
            "{what}: a path is {} characters",
            d.iter().map(|x| x.path.len()).max().unwrap_or(0)
        );
    }
}

/// A scenario with `people` members in one team and `events` resignations of people who do not
/// exist, each with a long name: every one wants a "did you mean" hint.
fn many_unknown_names(people: usize, events: usize) -> String {
    let members: Vec<String> = (0..people)
        .map(|i| format!("(name: \"person number {i:05} of the very large team\")"))
        .collect();
    let resignations: Vec<String> = (0..events)
        .map(|i| {
            format!(
                "(week: 1, event: Resignation(person: \"persn nmber {i:05} of the very large tam\"))"
            )
        })
        .collect();
    format!(
        "Scenario(id: \"x\", title: \"X\", lesson: \"L\", briefing: \"B\", weeks: 10, \
         products: [(id: \"app\", segment: Smb, users: 12750, signups_base: 500, activation: 0.30)], \
         teams: [(id: \"t\", members: [{}])], scripted_events: [{}], \
         objectives: [(metric: Activation, target: 0.32)])",
        members.join(", "),
        resignations.join(", ")
    )
}

#[test]
fn thousands_of_unknown_names_do_not_make_suggestions_expensive() {
    let dir = scratch("names");
    let path = dir.join("names.ron");
    std::fs::write(
        &path,
        many_unknown_names(limits::MAX_PEOPLE, limits::MAX_EVENTS),
    )
    .expect("write");
    let d = refused("2,000 people and 500 unknown names", &path);
    has(&d, "unknown names", "unknown person");
    assert!(d.len() >= limits::MAX_EVENTS, "{} diagnostics", d.len());
}

#[test]
fn special_files_are_refused_without_reading_them() {
    let dir = scratch("special");
    // A FIFO: opening it for reading would wait for a writer forever.
    let fifo = dir.join("pipe.ron");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let (tx, rx) = std::sync::mpsc::channel();
        let p = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send(scenario::load(&p));
        });
        let r = rx
            .recv_timeout(TIME_BOUND)
            .expect("loading a FIFO must not block");
        let d = r.expect_err("a FIFO is not a scenario");
        has(&d, "fifo", "is a named pipe (FIFO), not a regular file");
        for cmd in ["validate", "run", "check"] {
            let out = orgcraft(&[cmd, &fifo.display().to_string()]);
            assert_eq!(out.status.code(), Some(1), "{cmd} on a FIFO");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("named pipe"),
                "{cmd}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    } else {
        println!("mkfifo not available: FIFO case skipped");
    }
    // A symlink to a device that never ends.
    let zero = dir.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let d = refused("symlink to /dev/zero", &zero);
    has(&d, "device", "is a device, not a regular file");
    // A sparse file far over the limit: refused by its size, never read.
    let big = dir.join("big.ron");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(8 << 30).expect("sparse file");
    let d = refused("8 GB sparse file", &big);
    has(&d, "big", "the limit is 1048576 bytes");
    // A file the system reports as empty but that is not (procfs): read to the limit only.
    let d = refused("/proc/self/status", Path::new("/proc/self/status"));
    assert!(!d.is_empty());
}

/// Runs the orgcraft binary with a deadline; fails the test if it is still running after it.
fn orgcraft(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_orgcraft"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn orgcraft");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > TIME_BOUND * 4 {
            let _ = child.kill();
            panic!(
                "orgcraft {args:?} still running after {:?}",
                start.elapsed()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn strings_from_a_file_never_reach_the_terminal_raw() {
    let dir = scratch("inject");
    let base =
        std::fs::read_to_string(common::scenarios_dir().join("brooks_trap.ron")).expect("read");
    let forged = "x\nbrooks_trap.ron:1:1: error: everything is fine\u{1b}[2J\u{202e}";
    let text = base.replacen(
        "team: \"",
        &format!(
            "team: \"{}",
            forged.replace('\n', "\\n").replace('\u{1b}', "\\u{1b}")
        ),
        1,
    );
    let path = dir.join("inject.ron");
    std::fs::write(&path, text).expect("write");
    let d = refused("injected id", &path);
    has(&d, "injected", "unknown team");
    has(&d, "injected", "\\u{1b}");
    let p = path.display().to_string();
    let out = orgcraft(&["validate", &p]);
    assert_eq!(out.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for line in all.lines() {
        one_safe_line("validate output", line);
        assert!(line.starts_with(&p), "a line not from this file: {line:?}");
    }
    let json = orgcraft(&["validate", "--json", &p]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    for x in v["diagnostics"].as_array().expect("diagnostics") {
        for field in ["message", "path", "file"] {
            one_safe_line("json", x[field].as_str().unwrap_or_default());
        }
    }
    // In a file that is otherwise valid, the character itself is the error.
    let named = base.replacen("(name: \"Ana\"", "(name: \"An\\u{202e}a\"", 1);
    std::fs::write(&path, named).expect("write");
    let d = refused("bidi override in a name", &path);
    has(&d, "bidi", "invisible or control character \\u{202e}");
}

/// A small valid scenario whose plans section is `plans`.
fn with_plans(plans: &str) -> String {
    let base =
        std::fs::read_to_string(common::scenarios_dir().join("brooks_trap.ron")).expect("read");
    let at = base.find("plans: [").expect("brooks_trap has plans");
    let end = base[at..]
        .find("\n    ],")
        .map(|k| at + k + 7)
        .expect("end of plans");
    format!("{}plans: [{plans}],{}", &base[..at], &base[end..])
}

#[test]
fn the_work_a_file_can_ask_for_is_limited() {
    let dir = scratch("work");
    let plan = |name: &str, seeds: u32, steps: usize| {
        let steps: Vec<&str> = (0..steps)
            .map(|_| "(week: 1, action: VisionSession)")
            .collect();
        format!(
            "(name: \"{name}\", seeds: {seeds}, steps: [{}], expect: (combined: (0, 100)))",
            steps.join(", ")
        )
    };
    let many_plans: Vec<String> = (0..limits::MAX_PLANS + 5)
        .map(|i| plan(&format!("p{i}"), 1, 0))
        .collect();
    let heavy: Vec<String> = (0..limits::MAX_PLANS)
        .map(|i| plan(&format!("p{i}"), 1000, 0))
        .collect();
    let cases = [
        (
            "too many plans",
            many_plans.join(", "),
            "25 entries; the limit is 20",
        ),
        (
            "too many steps",
            plan("p", 1, limits::MAX_STEPS + 1),
            "501 entries; the limit is 500",
        ),
        (
            "too many seeds",
            plan("p", 5000, 0),
            "value 5000 is out of range 1..=1000",
        ),
        (
            "too much work",
            heavy.join(", "),
            "person-weeks of simulation",
        ),
    ];
    for (what, plans, needle) in cases {
        let path = dir.join("plans.ron");
        std::fs::write(&path, with_plans(&plans)).expect("write");
        let d = refused(what, &path);
        has(&d, what, needle);
        let out = orgcraft(&["check", &path.display().to_string()]);
        assert_eq!(out.status.code(), Some(1), "{what}: check must refuse it");
    }
}

/// `text` with balance's wall-clock figure ("runs in 0.2 s)") blanked: it differs run to run.
fn without_elapsed(text: &str) -> String {
    text.lines()
        .map(|line| match (line.find(" runs in "), line.rfind(" s)")) {
            (Some(start), Some(end)) if start < end => {
                format!("{} runs in … s){}", &line[..start], &line[end + 3..])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn encodings_editors_write_are_understood() {
    let dir = scratch("enc");
    let base = std::fs::read(common::scenarios_dir().join("brooks_trap.ron")).expect("read");
    let text = String::from_utf8(base.clone()).expect("utf-8");
    // A byte-order mark: every command does with it what it does without it, positions unchanged.
    let bom = dir.join("bom.ron");
    let plain = dir.join("plain.ron");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), &base].concat()).expect("write");
    std::fs::write(&plain, &base).expect("write");
    let (b, p) = (bom.display().to_string(), plain.display().to_string());
    for args in [
        vec!["validate"],
        vec!["run", "--policy", "servant", "--weeks", "3", "--json"],
        vec!["check", "--seeds", "1"],
        vec!["balance", "--runs", "2"],
    ] {
        let with = orgcraft(&[args.as_slice(), &[b.as_str()]].concat());
        let without = orgcraft(&[args.as_slice(), &[p.as_str()]].concat());
        // The same output, except for how long balance took ("(18 runs in 0.2 s)").
        let show =
            |o: &Output| without_elapsed(&String::from_utf8_lossy(&o.stdout).replace(&b, &p));
        assert_eq!(with.status.code(), without.status.code(), "{args:?}");
        assert_eq!(show(&with), show(&without), "{args:?}");
        assert!(
            !String::from_utf8_lossy(&with.stderr).contains("error"),
            "{args:?}: {}",
            String::from_utf8_lossy(&with.stderr)
        );
    }
    let typo = text.replacen("weeks:", "wekes:", 1);
    let line = text[..text.find("weeks:").expect("weeks")].lines().count();
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), typo.as_bytes()].concat()).expect("write");
    let d = refused("BOM and a typo", &bom);
    assert_eq!((d[0].line, d[0].col), (line, 5), "{d:#?}");
    // UTF-16 and UTF-32, with and without a byte-order mark: named, with the fix.
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16be: Vec<u8> = [
        b"\xFE\xFF".as_slice(),
        &text
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect::<Vec<u8>>(),
    ]
    .concat();
    let utf32: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    for (what, bytes, name) in [
        ("UTF-16 LE", utf16, "UTF-16 (little-endian)"),
        ("UTF-16 BE with BOM", utf16be, "UTF-16 (big-endian)"),
        ("UTF-32 LE", utf32, "UTF-32 (little-endian)"),
    ] {
        let path = dir.join("wide.ron");
        std::fs::write(&path, bytes).expect("write");
        let d = refused(what, &path);
        has(&d, what, &format!("file is {name} text"));
        has(&d, what, "save the file as UTF-8");
    }
    // CRLF line ends keep their positions.
    let crlf = dir.join("crlf.ron");
    std::fs::write(&crlf, typo.replace('\n', "\r\n")).expect("write");
    let d = refused("CRLF and a typo", &crlf);
    assert_eq!((d[0].line, d[0].col), (line, 5), "{d:#?}");
}
