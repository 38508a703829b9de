//! `balance` findings on purpose-built scenarios (tests/fixtures/balance_*.ron), and a clean
//! shipped scenario as the control.

mod common;

use orgcraft::headless::balance::{self, BalanceReport, DEFAULT_POLICIES, FindingKind};
use orgcraft::scenario;

fn balance_of(path: &std::path::Path, runs: u32) -> BalanceReport {
    let sc = scenario::load(path).unwrap_or_else(|d| panic!("{d:?}"));
    let policies: Vec<String> = DEFAULT_POLICIES.iter().map(|s| s.to_string()).collect();
    balance::balance(&sc, runs, &policies, sc.raw.seed, &|| {}).expect("balance")
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_degenerate_policy_matching_servant_is_flagged() {
    let r = balance_of(&fixture("balance_dominant.ron"), 20);
    let f = r
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::DominantStrategy)
        .unwrap_or_else(|| panic!("no dominant-strategy finding: {:#?}", r));
    assert!(f.message.contains("servant"), "{}", f.message);
    let servant = r.policies.iter().find(|p| p.policy == "servant").unwrap();
    assert_eq!(servant.runs, 20);
}

#[test]
fn an_event_that_never_fires_is_flagged() {
    let r = balance_of(&fixture("balance_dead_event.ron"), 10);
    let dead: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::DeadEvent)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(dead.len(), 1, "{:#?}", r.findings);
    assert!(
        dead[0].starts_with("scripted_events[1] (week 1)"),
        "{}",
        dead[0]
    );
}

#[test]
fn a_stock_stuck_at_zero_no_longer_pins_its_score_and_a_pinned_spread_is_flagged() {
    // Psychological safety cannot move from 0 in this fixture, for any policy. Scored against
    // the caretaker (who is stuck there too) it reads 50, not 0, so nothing is flagged.
    let r = balance_of(&fixture("balance_saturated.ron"), 10);
    let sat: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::SaturatedScore)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        !sat.iter()
            .any(|m| m.contains("psychological safety ends at")),
        "{:#?}",
        r.findings
    );
    // The rule balance applies (and tests/saturation.rs asserts for every shipped scenario).
    let spread = |v: &[f64]| orgcraft::headless::Spread::of(v);
    assert_eq!(balance::pinned_at(&spread(&[0.0, 0.3, 0.9, 1.0])), Some(0));
    assert_eq!(balance::pinned_at(&spread(&[99.2, 99.9, 100.0])), Some(100));
    assert_eq!(balance::pinned_at(&spread(&[0.0, 0.5, 3.0, 40.0])), None);
}

#[test]
fn a_shipped_scenario_balances_clean() {
    let r = balance_of(&common::scenarios_dir().join("brooks_trap.ron"), 30);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    let servant = r.policies.iter().find(|p| p.policy == "servant").unwrap();
    for p in r.policies.iter().filter(|p| p.policy != "servant") {
        assert!(p.combined.p50 < servant.combined.p50, "{p:?}");
    }
}

#[test]
fn balance_does_not_depend_on_the_thread_count() {
    let all_cores = balance_of(&fixture("balance_dominant.ron"), 8);
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(|| balance_of(&fixture("balance_dominant.ron"), 8));
    assert_eq!(
        serde_json::to_string(&all_cores.policies).unwrap(),
        serde_json::to_string(&one_thread.policies).unwrap()
    );
    assert_eq!(all_cores.findings.len(), one_thread.findings.len());
}

#[test]
fn an_unknown_policy_is_refused() {
    let sc = scenario::load(&fixture("balance_dominant.ron")).unwrap();
    let e = balance::balance(&sc, 1, &["servnat".to_string()], 0, &|| {}).unwrap_err();
    assert!(e.contains("unknown policy \"servnat\""), "{e}");
}
