//! The behaviour lock: what the simulation does, pinned, so a refactor can prove it changed
//! nothing and a deliberate change is seen and versioned.
//!
//! `tests/lock/week_hashes.txt` holds the state hash after every week (and after the epilogue)
//! of every shipped scenario and the template, under every bot, on three seeds, plus the
//! window's own game (the servant's autoplay of `brooks_trap`, as CI plays it);
//! `tests/lock/run_*.json` hold `run --json` byte for byte for a few runs. The table records
//! the `MODEL_VERSION` it was made with: a table that changes while `MODEL_VERSION` does not
//! fails, so every behaviour change bumps the version that logs and saves record.
//!
//! After a deliberate change: bump `orgcraft::model::MODEL_VERSION` (and say why in its docs),
//! then `ORGCRAFT_UPDATE_LOCK=1 cargo test --test lock` and commit the new files.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use orgcraft::headless::{self, POLICY_NAMES};
use orgcraft::model::MODEL_VERSION;

fn lock_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lock")
}

fn updating() -> bool {
    std::env::var_os("ORGCRAFT_UPDATE_LOCK").is_some()
}

/// Every shipped scenario and the template, by file name.
fn files() -> Vec<PathBuf> {
    common::shipped_and_template()
}

/// One line per run: `scenario bot seed: hash-after-week-1 … | hash-after-epilogue`.
fn headless_lines() -> Vec<String> {
    let mut out = Vec::new();
    for path in files() {
        let sc = orgcraft::scenario::load(&path).unwrap_or_else(|d| panic!("{d:?}"));
        for bot in POLICY_NAMES {
            for k in 0..3 {
                let seed = sc.raw.seed.wrapping_add(k);
                let mut policy = headless::policy_by_name(bot).expect("bot");
                let r = headless::run(&sc, bot, policy.as_mut(), seed, None);
                out.push(format!(
                    "{} {bot} {seed}: {} | {}",
                    sc.raw.id,
                    r.week_hashes.join(" "),
                    r.state_hash
                ));
            }
        }
    }
    out
}

/// The window's game: the servant's autoplay of brooks_trap through the interface's own week
/// loop (queue, End Week, summaries), hashed after every week.
#[cfg(feature = "gui")]
fn window_line() -> String {
    use orgcraft::gui::save::SaveStore;
    use orgcraft::gui::state::{Command as Ui, GuiState, Screen};
    let saves = std::env::temp_dir().join(format!("orgcraft-lock-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&saves);
    let mut st = GuiState::new(
        &[(common::scenarios_dir(), "shipped")],
        SaveStore::new(saves),
    );
    st.apply(Ui::NewGame);
    let i = st
        .catalog
        .iter()
        .position(|e| e.path.file_stem().is_some_and(|s| s == "brooks_trap"))
        .expect("brooks_trap in the picker");
    st.apply(Ui::Pick(i));
    st.apply(Ui::BeginPlaying);
    let mut bot = headless::policy_by_name("servant").expect("servant");
    while st.screen == Screen::Playing {
        st.autoplay_queue(bot.as_mut());
        st.apply(Ui::AskEndWeek);
        st.apply(Ui::ConfirmEndWeek);
        st.apply(Ui::CloseOverlay);
    }
    let g = st.game.as_ref().expect("the game");
    // The game's own record of each week, then the state once the epilogue has run.
    format!(
        "window brooks_trap servant: {} | {:016x}",
        g.week_hashes().join(" "),
        g.sim.state_hash()
    )
}

fn table() -> String {
    let lines = headless_lines();
    #[cfg(feature = "gui")]
    let lines = {
        let mut with_window = lines;
        with_window.push(window_line());
        with_window
    };
    lines.join("\n") + "\n"
}

/// A build without the window cannot play the window's game: it checks every other line of the
/// committed table, and it refuses to rewrite the table (that needs the window's line).
#[cfg(not(feature = "gui"))]
fn without_window_line(committed: &str) -> String {
    committed
        .lines()
        .filter(|l| !l.starts_with("window "))
        .map(|l| format!("{l}\n"))
        .collect()
}

const HEADER: &str =
    "# Behaviour lock (tests/lock.rs): state hashes after each week | after the epilogue.\n";

/// Splits a lock file into its model version and its table.
fn parse(text: &str) -> (Option<u32>, String) {
    let mut version = None;
    let mut table = String::new();
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("model_version ") {
            version = v.trim().parse().ok();
        } else if !line.starts_with('#') {
            table.push_str(line);
            table.push('\n');
        }
    }
    (version, table)
}

/// The first line where two tables differ, for the failure message.
fn first_difference(old: &str, new: &str) -> String {
    old.lines()
        .zip(new.lines())
        .find(|(a, b)| a != b)
        .map(|(a, b)| format!("locked: {}\nnow:    {}", short(a), short(b)))
        .unwrap_or_else(|| "the tables differ in length".into())
}

fn short(line: &str) -> String {
    line.chars().take(160).collect()
}

/// What to do with a lock file: it matches, it may be (re)written, or the test fails.
#[derive(Debug, PartialEq)]
enum Verdict {
    Same,
    Write,
    Fail(String),
}

/// The lock rule. `committed` is the file as committed, `now` the table the code makes today,
/// `model` the code's MODEL_VERSION. A changed table with an unchanged model version fails,
/// updating or not: behaviour never changes without a version bump.
fn verdict(name: &str, committed: &str, now: &str, model: u32, updating: bool) -> Verdict {
    let (locked_version, locked) = parse(committed);
    let same = locked == now;
    if committed.is_empty() {
        return if updating {
            Verdict::Write
        } else {
            Verdict::Fail(format!(
                "{name} is missing; run ORGCRAFT_UPDATE_LOCK=1 cargo test --test lock"
            ))
        };
    }
    if !same && locked_version == Some(model) && wording_only(&locked, now) {
        // Every number and hash is the same: only player-facing words changed, which is not a
        // change of behaviour and needs no model version bump, but is still reviewed.
        return if updating {
            Verdict::Write
        } else {
            Verdict::Fail(format!(
                "{name}: only the wording changed (every number and hash is the same); rewrite \
                 it with ORGCRAFT_UPDATE_LOCK=1 cargo test --test lock\n{}",
                first_difference(&locked, now)
            ))
        };
    }
    if !same && locked_version == Some(model) && rows_added_only(&locked, now) {
        // Every locked row is still there, unchanged and in order: a new scenario (or bot, or
        // seed) added rows. The old behaviour is intact, so no model version bump; the new rows
        // are reviewed when written.
        return if updating {
            Verdict::Write
        } else {
            Verdict::Fail(format!(
                "{name}: rows were added (every locked row is unchanged); write them with \
                 ORGCRAFT_UPDATE_LOCK=1 cargo test --test lock"
            ))
        };
    }
    if !same && locked_version == Some(model) {
        return Verdict::Fail(format!(
            "{name}: the simulation's behaviour changed while MODEL_VERSION is still {model}. If \
             the change is deliberate, bump MODEL_VERSION in src/model/mod.rs (say why in its \
             docs) and run ORGCRAFT_UPDATE_LOCK=1 cargo test --test lock; if not, the change \
             broke the lock.\n{}",
            first_difference(&locked, now)
        ));
    }
    if updating {
        return Verdict::Write;
    }
    if !same || locked_version != Some(model) {
        return Verdict::Fail(format!(
            "{name}: MODEL_VERSION is {model} but the lock was made at {locked_version:?}; \
             regenerate it with ORGCRAFT_UPDATE_LOCK=1 cargo test --test lock"
        ));
    }
    Verdict::Same
}

/// Compares `now` with the committed file, or rewrites it when updating.
fn check_locked(name: &str, now: &str) {
    let path = lock_dir().join(name);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    #[cfg(not(feature = "gui"))]
    let committed = if name == "week_hashes.txt" {
        assert!(
            !updating(),
            "regenerate the lock with the window built (the default features): its table ends \
             with the window's game"
        );
        without_window_line(&committed)
    } else {
        committed
    };
    match verdict(name, &committed, now, MODEL_VERSION, updating()) {
        Verdict::Same => {}
        Verdict::Write => {
            std::fs::create_dir_all(lock_dir()).expect("lock dir");
            std::fs::write(
                &path,
                format!("{HEADER}model_version {MODEL_VERSION}\n{now}"),
            )
            .expect("write the lock");
        }
        Verdict::Fail(why) => panic!("{why}"),
    }
}

#[test]
fn every_week_of_every_scenario_bot_and_seed_is_locked() {
    let table = table();
    // The window's game is the headless game: same weeks, same hashes.
    #[cfg(feature = "gui")]
    {
        let sc = common::load("brooks_trap.ron");
        let headless = format!("brooks_trap servant {}: ", sc.raw.seed);
        let line = table
            .lines()
            .find(|l| l.starts_with(&headless))
            .expect("headless line");
        let window = table.lines().last().expect("window line");
        assert_eq!(
            window,
            format!("window brooks_trap servant: {}", &line[headless.len()..])
        );
    }
    check_locked("week_hashes.txt", &table);
}

/// Whether two tables differ only in words: each line is JSON with the same numbers and
/// hashes (16 hex digits) at the same places, and only other strings changed. The week's log
/// lines (`events`: week, kind, text) are words about the weeks, not state, so a line more or
/// less there is a change of words too; the state hashes, scores and history still lock the
/// behaviour. A table that is not JSON (the week hashes) never differs in words only.
/// Whether `new` holds every line of `old`, unchanged and in the same order, and more lines
/// besides (rows added for a new scenario). A changed or missing row is a change of behaviour.
fn rows_added_only(old: &str, new: &str) -> bool {
    let mut rest = new.lines();
    old.lines().all(|l| rest.by_ref().any(|n| n == l)) && new.lines().count() > old.lines().count()
}

fn wording_only(old: &str, new: &str) -> bool {
    fn leaves(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        use serde_json::Value;
        match v {
            Value::Number(n) => out.push(format!("{path}={n}")),
            Value::String(s) if s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                out.push(format!("{path}={s}"))
            }
            Value::Bool(b) => out.push(format!("{path}={b}")),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| leaves(x, &format!("{path}[{i}]"), out)),
            Value::Object(o) => o
                .iter()
                .filter(|(k, _)| k.as_str() != "events")
                .for_each(|(k, x)| leaves(x, &format!("{path}.{k}"), out)),
            _ => {}
        }
    }
    let numbers = |table: &str| -> Option<Vec<String>> {
        let mut out = Vec::new();
        for line in table.lines() {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            out.push("line".into());
            leaves(&v, "", &mut out);
        }
        Some(out)
    };
    match (numbers(old), numbers(new)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// `json` without its first `,"name":` member (its value's braces and strings matched).
fn without_field(json: &str, name: &str) -> String {
    let key = format!(",\"{name}\":");
    let Some(start) = json.find(&key) else {
        return json.to_string();
    };
    let bytes = json.as_bytes();
    let (mut i, mut depth, mut in_str) = (start + key.len(), 0i32, false);
    while i < bytes.len() {
        match (bytes[i], in_str) {
            (b'\\', true) => i += 1,
            (b'"', _) => in_str = !in_str,
            (b'{' | b'[', false) => depth += 1,
            (b'}' | b']', false) => {
                depth -= 1;
                if depth <= 0 {
                    i += usize::from(depth == 0);
                    break;
                }
            }
            (b',', false) if depth == 0 => break,
            _ => {}
        }
        i += 1;
    }
    format!("{}{}", &json[..start], &json[i..])
}

#[test]
fn run_json_is_locked_byte_for_byte() {
    for (file, bot) in [
        ("brooks_trap.ron", "servant"),
        ("pmo_gantt.ron", "yes-man"),
        ("scaling_up.ron", "crunch"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_orgcraft"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "run",
                &format!("scenarios/{file}"),
                "--policy",
                bot,
                "--json",
            ])
            .output()
            .expect("run orgcraft");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json = String::from_utf8(out.stdout).expect("utf-8");
        assert!(
            json.contains(r#","by_decisions":{"#),
            "run --json explains by decisions"
        );
        // The debrief by decisions is derived from replays of this same game (tested in
        // tests/debrief_truth.rs); the lock holds everything else, byte for byte.
        let json = without_field(&json, "by_decisions");
        let name = format!("run_{}_{bot}.json.txt", file.trim_end_matches(".ron"));
        // The JSON is stored as one line under the same header as the table.
        check_locked(&name, &(json.trim_end().to_string() + "\n"));
    }
}

#[test]
fn a_changed_table_without_a_model_version_bump_fails() {
    let at = |v: u32, table: &str| format!("{HEADER}model_version {v}\n{table}");
    let v = MODEL_VERSION;
    // Unchanged: fine. Changed at the same version: fails, updating or not.
    assert_eq!(
        verdict("t", &at(v, "a 1\n"), "a 1\n", v, false),
        Verdict::Same
    );
    for updating in [false, true] {
        match verdict("t", &at(v, "a 1\n"), "a 2\n", v, updating) {
            Verdict::Fail(why) => {
                assert!(why.contains("still"), "{why}");
                assert!(why.contains("now:    a 2"), "{why}");
            }
            other => panic!("a change without a bump was accepted: {other:?}"),
        }
    }
    // A JSON table whose numbers and hashes are all the same changed only its words: it may be
    // rewritten without a bump, but a check without updating still fails.
    let old = r#"{"seed":1,"hash":"00000000000000ff","text":"loop R1"}"#.to_string() + "\n";
    let reworded = r#"{"seed":1,"hash":"00000000000000ff","text":"the overtime spiral"}"#;
    let renumbered = r#"{"seed":2,"hash":"00000000000000ff","text":"loop R1"}"#;
    let rehashed = r#"{"seed":1,"hash":"00000000000000fe","text":"loop R1"}"#;
    assert_eq!(
        verdict("t", &at(v, &old), &format!("{reworded}\n"), v, true),
        Verdict::Write
    );
    match verdict("t", &at(v, &old), &format!("{reworded}\n"), v, false) {
        Verdict::Fail(why) => assert!(why.contains("only the wording"), "{why}"),
        other => panic!("a reworded lock passed without updating: {other:?}"),
    }
    for changed in [renumbered, rehashed] {
        assert!(matches!(
            verdict("t", &at(v, &old), &format!("{changed}\n"), v, true),
            Verdict::Fail(_)
        ));
    }
    // Rows added with every old row unchanged (a new scenario): written without a bump, and a
    // check without updating fails; a row added while another changed is still a change.
    assert_eq!(
        verdict("t", &at(v, "a 1\nc 3\n"), "a 1\nb 2\nc 3\n", v, true),
        Verdict::Write
    );
    match verdict("t", &at(v, "a 1\nc 3\n"), "a 1\nb 2\nc 3\n", v, false) {
        Verdict::Fail(why) => assert!(why.contains("rows were added"), "{why}"),
        other => panic!("added rows passed without updating: {other:?}"),
    }
    assert!(matches!(
        verdict("t", &at(v, "a 1\nc 3\n"), "a 1\nb 2\nc 4\n", v, true),
        Verdict::Fail(_)
    ));
    // Bumped: the old lock fails until it is regenerated, and may then be written.
    assert!(matches!(
        verdict("t", &at(v, "a 1\n"), "a 2\n", v + 1, false),
        Verdict::Fail(_)
    ));
    assert_eq!(
        verdict("t", &at(v, "a 1\n"), "a 2\n", v + 1, true),
        Verdict::Write
    );
    // A bump without a change is recorded too (the lock then carries the new number).
    assert!(matches!(
        verdict("t", &at(v, "a 1\n"), "a 1\n", v + 1, false),
        Verdict::Fail(_)
    ));
}
