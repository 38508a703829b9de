//! The CLI contract: `run --json` keys, `validate` exit codes, and bad input handled without panics.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orgcraft"))
}

fn scenario(name: &str) -> PathBuf {
    common::scenarios_dir().join(name)
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgcraft-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn assert_clean_failure(out: &Output, what: &str, must_mention: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{what}: expected a non-zero exit");
    assert!(
        !err.contains("panicked")
            && !err.contains("RUST_BACKTRACE")
            && !err.contains("internal error"),
        "{what}: panic output: {err}"
    );
    for m in must_mention {
        assert!(
            err.contains(m),
            "{what}: stderr should mention {m:?}: {err}"
        );
    }
}

#[test]
fn run_json_has_the_contract_keys() {
    let out = bin()
        .args(["run"])
        .arg(scenario("brooks_trap.ron"))
        .args(["--policy", "servant", "--seed", "3", "--json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON object on stdout");
    for k in [
        "scenario",
        "seed",
        "policy",
        "weeks",
        "culture",
        "product",
        "combined",
        "state_hash",
        "history",
    ] {
        assert!(v.get(k).is_some(), "missing key {k}");
    }
    for k in ["culture", "product", "combined"] {
        let x = v[k].as_f64().expect("number");
        assert!((0.0..=100.0).contains(&x), "{k} = {x}");
    }
    let weeks = v["weeks"].as_u64().expect("weeks");
    let played = v["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter(|h| h["epilogue"] == false)
        .count() as u64;
    assert_eq!(played, weeks, "one history entry per played week");
    assert_eq!(v["seed"].as_u64(), Some(3));
    assert!(
        v["history"][0].get("wgi").is_some() && v["history"][0].get("outcomes").is_some(),
        "sub-scores in history"
    );
    // Same command, same output.
    let again = bin()
        .args(["run"])
        .arg(scenario("brooks_trap.ron"))
        .args(["--policy", "servant", "--seed", "3", "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.stdout, again.stdout, "runs are deterministic");
}

#[test]
fn validate_accepts_shipped_and_rejects_broken_files() {
    let ok = bin()
        .arg("validate")
        .arg(scenario("brooks_trap.ron"))
        .output()
        .expect("runs");
    assert!(ok.status.success());
    let broken = tmp(
        "typo.ron",
        br#"Scenario(id: "x", title: "t", lesson: "l", weeks: 5, prodcts: [])"#,
    );
    let out = bin().arg("validate").arg(&broken).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_clean_failure(&out, "unknown field", &["typo.ron:1:", "prodcts"]);
}

#[test]
fn bad_input_never_panics_and_names_the_file() {
    let dir = std::env::temp_dir();
    let missing = dir.join("definitely-missing-orgcraft.ron");
    let empty_dir = dir.join("no-scenarios-here");
    std::fs::create_dir_all(&empty_dir).expect("empty dir");
    let cases: Vec<(&str, PathBuf, Vec<&str>)> = vec![
        ("missing file", missing.clone(), vec!["definitely-missing-orgcraft.ron", "cannot read"]),
        // A folder with no .ron files (validate expands folders; run does not).
        ("directory", empty_dir.clone(), vec!["directory"]),
        ("empty", tmp("empty.ron", b""), vec!["empty.ron", "empty"]),
        ("binary", tmp("bin.ron", &[0u8, 159, 146, 150, 0, 1, 2]), vec!["bin.ron", "binary"]),
        ("not utf-8", tmp("latin1.ron", b"Scenario(id: \"caf\xe9\")"), vec!["latin1.ron:1:", "UTF-8"]),
        ("truncated", tmp("trunc.ron", &std::fs::read(scenario("brooks_trap.ron")).expect("read")[..900]), vec!["trunc.ron:"]),
        ("wrong type", tmp("types.ron", br#"Scenario(id: "x", title: "t", lesson: "l", weeks: "ten", products: [], teams: [])"#), vec!["types.ron:1:", "weeks"]),
        ("absurd numbers", tmp("absurd.ron", &std::fs::read_to_string(scenario("brooks_trap.ron")).expect("read").replace("weeks: 14", "weeks: 4000000000").into_bytes()), vec!["absurd.ron:", "weeks", "out of range"]),
        ("nan", tmp("nan.ron", &std::fs::read_to_string(scenario("brooks_trap.ron")).expect("read").replace("tech_debt: 40.0", "tech_debt: NaN").into_bytes()), vec!["nan.ron:", "tech_debt"]),
        ("huge", tmp("huge.ron", &vec![b' '; 2 * 1024 * 1024]), vec!["huge.ron", "limit"]),
    ];
    for (what, path, mentions) in cases {
        for sub in [vec!["validate"], vec!["run", "--policy", "servant"]] {
            let mut cmd = bin();
            cmd.args(&sub[..1]).arg(&path).args(&sub[1..]);
            let out = cmd.output().expect("runs");
            assert_clean_failure(&out, &format!("{what} ({})", sub[0]), &mentions);
        }
    }
    // Unusable arguments: exit 2 with a message.
    for args in [
        vec!["run", "x.ron", "--policy", "tyrant"],
        vec!["run", "x.ron", "--seed", "minus-one"],
        vec!["frobnicate"],
    ] {
        let out = bin().args(&args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    let out = bin()
        .args(["run"])
        .arg(scenario("brooks_trap.ron"))
        .args(["--weeks", "100000"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_accepts_a_folder_and_reports_json_for_editors() {
    let out = bin()
        .args(["validate", "--json"])
        .arg(scenario(""))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["valid"], true);
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(0));

    let broken = tmp(
        "two_errors.ron",
        br#"Scenario(id: "x", title: "X", lesson: "l", weeks: 4, colour: 1,
    products: [(id: "p", segment: Smb, users: 1, signups_base: 1, activation: 2.0)],
    teams: [(id: "t", members: [(name: "A")])])"#,
    );
    let out = bin()
        .args(["validate", "--json"])
        .arg(&broken)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let d = v["diagnostics"].as_array().expect("list");
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0]["path"], "colour");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["col"].as_u64()),
        (Some(1), Some(54))
    );
    assert_eq!(d[1]["path"], "products[0].activation");
    assert_eq!(d[1]["severity"], "error");
}

#[test]
fn check_passes_shipped_plans_and_fails_a_wrong_band() {
    let out = bin()
        .args(["check", "--seeds", "2"])
        .arg(scenario("brooks_trap.ron"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert_eq!(text.matches("PASS").count(), 2, "{text}");

    let src = std::fs::read_to_string(scenario("brooks_trap.ron")).expect("read");
    let wrong = src.replacen("combined: (55, 75)", "combined: (90, 100)", 1);
    assert_ne!(
        wrong, src,
        "the good plan's band moved; update this test's text"
    );
    let out = bin()
        .args(["check", "--seeds", "2", "--json"])
        .arg(tmp("wrong_band.ron", wrong.as_bytes()))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let plan = &v[0]["plans"][0];
    assert_eq!(plan["pass"], false);
    assert!(
        plan["failures"][0]
            .as_str()
            .unwrap_or("")
            .contains("90–100")
    );
}

#[test]
fn balance_reports_spreads_as_json_and_refuses_bad_arguments() {
    let out = bin()
        .args([
            "balance",
            "--runs",
            "3",
            "--policies",
            "servant,passive",
            "--json",
        ])
        .arg(scenario("brooks_trap.ron"))
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let policies = v["policies"].as_array().expect("policies");
    assert_eq!(policies.len(), 2);
    assert_eq!(policies[0]["policy"], "servant");
    assert_eq!(policies[0]["runs"], 3);
    for k in ["p10", "p50", "p90"] {
        assert!(policies[0]["combined"][k].is_f64(), "{k}");
    }
    assert!(v["findings"].is_array());

    for args in [
        vec!["balance", "--runs", "0"],
        vec!["balance", "--policies", "servnat"],
    ] {
        let out = bin()
            .args(&args)
            .arg(scenario("brooks_trap.ron"))
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_clean_failure(&out, "bad balance arguments", &["orgcraft:"]);
    }
}
