//! Debrief reports: both formats carry the scores, the 2×2 path, the causes, the loops, the
//! decisions, the luck figures and questions picked from what happened; the HTML is
//! self-contained. (`.ci/check-report.py` opens it in headless Chromium.)

mod common;

use orgcraft::headless::log;
use orgcraft::headless::policy_by_name;
use orgcraft::report::{self, ReportData};

fn build(stem: &str, policy: &str) -> (String, String, Vec<String>) {
    let path = common::scenarios_dir().join(format!("{stem}.ron"));
    let sc = orgcraft::scenario::load(&path).expect("loads");
    let mut bot = policy_by_name(policy).expect("policy");
    let (run, lg) = log::record(&sc, policy, bot.as_mut(), sc.raw.seed, None);
    let luck = log::luck(&sc, &lg, 10, &["servant", "passive"]).expect("luck");
    let data = ReportData {
        scenario: &sc,
        log: &lg,
        run: &run,
        luck: Some(&luck),
    };
    (
        report::html(&data),
        report::markdown(&data),
        report::questions(&data),
    )
}

#[test]
fn reports_carry_every_section_and_stay_offline() {
    let (html, md, _) = build("pmo_gantt", "servant");
    for section in [
        "Scores",
        "What moved the scores",
        "Dominant feedback loops",
        "Key decisions",
        "Luck and skill",
        "Questions for the debrief",
    ] {
        assert!(md.contains(section), "report.md lacks {section}");
        assert!(html.contains(section), "index.html lacks {section}");
    }
    assert!(html.contains("<svg class=\"chart\"") && html.contains("<svg class=\"quadrant\""));
    assert_eq!(html.matches("<polyline").count(), 3);
    assert!(md.contains("| Week | Culture | Product |"));
    // Self-contained: no scripts, no external resources.
    for banned in ["<script", "http://", "https://", "<link", "src=\""] {
        assert!(!html.contains(banned), "index.html contains {banned}");
    }
}

#[test]
fn questions_follow_what_happened() {
    let (_, _, crunch) = build("conference_crunch", "crunch");
    let (_, _, servant) = build("conference_crunch", "servant");
    assert!(!crunch.is_empty() && crunch.len() <= 6);
    assert_ne!(crunch, servant, "different runs, different questions");
    let (_, _, passive) = build("brooks_trap", "passive");
    assert!(
        passive.iter().any(|q| q.contains("no 1:1s")),
        "a passive leader is asked about 1:1s: {passive:?}"
    );
    assert!(!servant.iter().any(|q| q.contains("no 1:1s")));
}
