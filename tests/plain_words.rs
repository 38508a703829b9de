//! Plain words where a player or facilitator reads (issue 13): every line of every shipped
//! scenario's week log under every bot, the CLI's human output (`run`, `whatif`, `luck`,
//! `balance`, `check`, `replay`) and every report (`report`, `session merge`, Markdown and
//! HTML) hold no enum identifier, raw key, odds written as numbers or loop code.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use orgcraft::headless::{POLICY_NAMES, Sim, policy_by_name};

/// The first problem with each code word, as one message (empty when the text is plain).
fn problems(what: &str, text: &str, allowed: &[&str]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for p in common::code_words(text, allowed) {
        let word = p.split(':').next().unwrap_or_default().to_string();
        if !seen.contains(&word) {
            out.push(format!("{what}: {p}"));
            seen.push(word);
        }
    }
    out
}

#[test]
fn every_log_line_of_every_shipped_scenario_is_in_plain_words() {
    let mut found = Vec::new();
    let mut lines = 0usize;
    for path in common::shipped() {
        let sc = orgcraft::scenario::load(&path).unwrap_or_else(|d| panic!("{d:?}"));
        for bot in POLICY_NAMES {
            let mut policy = policy_by_name(bot).expect("bot");
            let mut sim = Sim::new(&sc, sc.raw.seed);
            let mut text = String::new();
            for _ in 0..sc.weeks() {
                sim.step_with(policy.as_mut());
                for e in sim.week_entries(sim.week()) {
                    text.push_str(&e.text);
                    text.push('\n');
                    lines += 1;
                }
            }
            found.extend(problems(&format!("{} {bot}", sc.raw.id), &text, &[]));
        }
    }
    assert!(lines > 500, "the games wrote only {lines} log lines");
    assert!(
        found.is_empty(),
        "code words in the week log:\n{}",
        found.join("\n")
    );
}

fn orgcraft(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_orgcraft"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run orgcraft");
    assert!(
        out.status.success(),
        "orgcraft {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// HTML with its tags, styles and scripts removed: the words a reader sees.
fn visible_text(html: &str) -> String {
    let mut page = html.to_string();
    for hidden in ["style", "script"] {
        let (open, close) = (format!("<{hidden}"), format!("</{hidden}>"));
        while let Some(a) = page.find(&open) {
            let b = page[a..]
                .find(&close)
                .map_or(page.len(), |b| a + b + close.len());
            page.replace_range(a..b, "");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push('\n');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_cli_and_every_report_speak_in_plain_words() {
    let dir = std::env::temp_dir().join(format!("orgcraft-plain-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let at = |name: &str| -> PathBuf { dir.join(name) };
    let path = |p: &PathBuf| p.to_string_lossy().into_owned();
    let scenario = "scenarios/pmo_gantt.ron";
    // File names and ids a facilitator types are shown as they are.
    let allowed = ["pmo_gantt", "yes_man", "hire_fast"];
    let mut found = Vec::new();
    let mut check = |what: &str, text: &str| found.extend(problems(what, text, &allowed));

    let ym = at("ym.json");
    let servant = at("servant.json");
    check(
        "run",
        &orgcraft(&["run", scenario, "--policy", "yes-man", "--log", &path(&ym)]),
    );
    check(
        "run",
        &orgcraft(&["run", scenario, "--log", &path(&servant)]),
    );
    check(
        "replay",
        &orgcraft(&["replay", &path(&ym), "--scenario", scenario]),
    );
    check(
        "whatif",
        &orgcraft(&[
            "whatif",
            &path(&ym),
            "--scenario",
            scenario,
            "--week",
            "2",
            "--drop",
            "0",
        ]),
    );
    check(
        "luck",
        &orgcraft(&["luck", &path(&ym), "--scenario", scenario, "--seeds", "3"]),
    );
    check("balance", &orgcraft(&["balance", scenario, "--runs", "3"]));
    check("check", &orgcraft(&["check", scenario, "--seeds", "1"]));
    for (log, name) in [(&ym, "report_ym"), (&servant, "report_servant")] {
        let out = at(name);
        orgcraft(&[
            "report",
            &path(log),
            "--out",
            &path(&out),
            "--scenario",
            scenario,
            "--seeds",
            "3",
        ]);
        check(&format!("{name}/report.md"), &read(&out.join("report.md")));
        check(
            &format!("{name}/index.html"),
            &visible_text(&read(&out.join("index.html"))),
        );
    }
    let merged = at("merged");
    orgcraft(&[
        "session",
        "merge",
        &path(&ym),
        &path(&servant),
        "--out",
        &path(&merged),
        "--scenario",
        scenario,
    ]);
    check("session/report.md", &read(&merged.join("report.md")));
    check(
        "session/index.html",
        &visible_text(&read(&merged.join("index.html"))),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        found.is_empty(),
        "code words where a player or facilitator reads:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checker_finds_code_words() {
    // The checker itself: each kind of code word is caught, plain sentences pass.
    for code in [
        "New demand: FixedPlan for team Onboarding",
        "psych_safety 40.7",
        "Discovery killed \"x\" (P(hit) 0.23)",
        "Budget request declined (p = 0.40)",
        "loop R1 overtime death spiral",
        "Pm L4",
    ] {
        assert!(!common::code_words(code, &[]).is_empty(), "{code}");
    }
    assert!(
        common::code_words(
            "Helga (Programme office): \"I want a status report from Onboarding.\" Answer by week 5.",
            &[]
        )
        .is_empty()
    );
}
