//! Decision logs: replay reproduces every week's state hash for every shipped scenario and
//! policy; tampered logs are refused with a clear error; what-if with no change equals the
//! original and a changed decision changes only what follows it; luck vs skill.

mod common;

use orgcraft::headless::log::{self, Change, DecisionLog, LogError};
use orgcraft::headless::{POLICY_NAMES, policy_by_name};
use orgcraft::scenario::{self, Scenario};
use orgcraft::sim::Action;

/// Every shipped scenario and the template, loaded.
fn shipped() -> Vec<Scenario> {
    common::shipped_and_template()
        .iter()
        .map(|p| scenario::load(p).expect("shipped scenarios load"))
        .collect()
}

fn recorded(sc: &Scenario, policy: &str) -> (orgcraft::headless::RunReport, DecisionLog) {
    let mut bot = policy_by_name(policy).expect("policy");
    log::record(sc, policy, bot.as_mut(), sc.raw.seed, None)
}

#[test]
fn replay_reproduces_every_week_for_every_scenario_and_policy() {
    let scenarios = shipped();
    assert!(scenarios.len() >= 9);
    for sc in &scenarios {
        for policy in POLICY_NAMES {
            let (run, log) = recorded(sc, policy);
            assert_eq!(log.weeks.len() as u32, sc.weeks());
            // `record` is `run` plus the log: same report.
            let mut bot = policy_by_name(policy).expect("policy");
            let plain = orgcraft::headless::run(sc, policy, bot.as_mut(), sc.raw.seed, None);
            assert_eq!(run.week_hashes, plain.week_hashes, "{} {policy}", sc.raw.id);
            // Through JSON, as a file would be.
            let text = serde_json::to_string(&log).expect("json");
            let back: DecisionLog = serde_json::from_str(&text).expect("parse");
            let replayed =
                log::replay(sc, &back).unwrap_or_else(|e| panic!("{} {policy}: {e}", sc.raw.id));
            assert_eq!(replayed.week_hashes, run.week_hashes);
            assert_eq!(
                serde_json::to_string(&replayed).expect("json"),
                serde_json::to_string(&run).expect("json"),
                "{} {policy}: replay prints what run printed",
                sc.raw.id
            );
        }
    }
}

#[test]
fn tampered_logs_are_refused_with_the_week_or_the_reason() {
    let sc = shipped()
        .into_iter()
        .find(|s| s.raw.id.contains("pmo"))
        .expect("pmo_gantt");
    let (_, log) = recorded(&sc, "servant");
    // An edited action.
    let mut edited = log.clone();
    edited.weeks[4].actions[0] = Action::OneOnOne {
        person: orgcraft::model::PersonId(4242),
    };
    match log::replay(&sc, &edited) {
        Err(LogError::Refused { week, refusal }) => {
            assert_eq!(week, 5);
            assert!(refusal.reason.contains("4242"));
        }
        other => panic!("expected a refusal in week 5, got {other:?}"),
    }
    // An action removed: the world diverges and the week is named.
    let mut dropped = log.clone();
    let w = dropped
        .weeks
        .iter()
        .position(|w| !w.actions.is_empty())
        .expect("a week with actions");
    dropped.weeks[w].actions.pop();
    match log::replay(&sc, &dropped) {
        Err(LogError::Hash { week, .. }) => assert_eq!(week, w as u32 + 1),
        other => panic!("expected a hash mismatch, got {other:?}"),
    }
    // Another seed: the first week already differs.
    let mut reseeded = log.clone();
    reseeded.seed += 1;
    assert!(matches!(
        log::replay(&sc, &reseeded),
        Err(LogError::Hash { week: 1, .. })
    ));
    // Another version of the scenario file.
    let text = std::fs::read_to_string(&sc.file).expect("read");
    // A trailing comment: the same scenario, but not the same file bytes.
    let other = scenario::parse(&sc.file, format!("{text}\n// edited").as_bytes())
        .expect("still a scenario");
    let e = log::replay(&other, &log).expect_err("another version");
    assert!(matches!(e, LogError::Scenario { .. }));
    assert!(e.to_string().contains("another version of"), "{e}");
    // A truncated file names where it ends.
    let dir = std::env::temp_dir().join(format!("orgcraft-log-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let full = dir.join("game.json");
    log.write(&full).expect("write");
    let bytes = std::fs::read(&full).expect("read");
    let cut = dir.join("cut.json");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let e = DecisionLog::read(&cut).expect_err("truncated");
    let msg = e.to_string();
    assert!(
        msg.contains("cut.json:") && msg.contains("not a decision log"),
        "{msg}"
    );
    assert_eq!(DecisionLog::read(&full).expect("whole file"), log);
    // A log from a future format.
    let mut future = log.clone();
    future.format = 99;
    std::fs::write(&cut, serde_json::to_vec(&future).expect("json")).expect("write");
    assert!(matches!(
        DecisionLog::read(&cut),
        Err(LogError::Format { found: 99 })
    ));
}

#[test]
fn whatif_without_a_change_is_the_original() {
    for sc in shipped().iter().take(4) {
        let (run, log) = recorded(sc, "random");
        let w = log::whatif(sc, &log, &Change::None).expect("whatif");
        assert!(w.weeks.iter().all(|r| r.same_state), "{}", sc.raw.id);
        assert!(w.weeks.iter().all(|r| r.culture.0 == r.culture.1));
        assert_eq!(w.original, w.alternative);
        assert_eq!(w.original.2, run.combined);
        assert!(w.refused.is_empty());
    }
}

#[test]
fn a_changed_decision_changes_only_what_follows_it() {
    let sc = shipped()
        .into_iter()
        .find(|s| s.raw.id.contains("pmo"))
        .expect("pmo_gantt");
    let (_, log) = recorded(&sc, "servant");
    let week = 6;
    assert!(!log.actions(week).is_empty());
    for change in [
        Change::Drop { week, index: 0 },
        Change::Add {
            week,
            action: scenario::parse_action(&sc, "Blame(team: \"growth\")").expect("action"),
        },
    ] {
        let w = log::whatif(&sc, &log, &change).expect("whatif");
        for r in w.weeks.iter().filter(|r| !r.epilogue) {
            if r.week < week {
                assert!(r.same_state, "week {} changed before the decision", r.week);
                assert_eq!(r.culture.0, r.culture.1);
                assert_eq!(r.stocks.0, r.stocks.1);
            } else {
                assert!(!r.same_state, "week {}: {change:?} changed nothing", r.week);
            }
        }
        assert_ne!(w.original, w.alternative, "{change:?}");
    }
    // Bad changes are refused, not guessed at.
    assert!(log::whatif(&sc, &log, &Change::Drop { week: 99, index: 0 }).is_err());
    assert!(log::whatif(&sc, &log, &Change::Drop { week, index: 999 }).is_err());
    let e = scenario::parse_action(&sc, "OneOnOne(person: \"inez\")").expect_err("typo");
    assert!(e.contains("did you mean"), "{e}");
}

#[test]
fn luck_places_the_result_among_its_own_seeds_and_the_bots() {
    let sc = shipped()
        .into_iter()
        .find(|s| s.raw.id.contains("brooks"))
        .expect("brooks_trap");
    let (run, log) = recorded(&sc, "servant");
    let l = log::luck(&sc, &log, 20, &["servant", "crunch"]).expect("luck");
    assert_eq!(l.seeds, 20);
    assert_eq!(l.combined, run.combined);
    assert!((0.0..=100.0).contains(&l.percentile));
    assert!(l.spread.p10 <= l.spread.p50 && l.spread.p50 <= l.spread.p90);
    assert_eq!(l.bots.len(), 2);
    // A well-led run beats most crunch runs on the same seeds.
    let crunch = &l.bots[1];
    assert_eq!(crunch.0, "crunch");
    assert!(crunch.2 >= 80.0, "beat only {}% of crunch runs", crunch.2);
    // Deterministic.
    assert_eq!(
        l,
        log::luck(&sc, &log, 20, &["servant", "crunch"]).expect("again")
    );
}
