//! Workshop sessions: a pack, three tables' logs merged into a facilitator report that names
//! each table; logs of another seed or scenario version are refused.

mod common;

use std::path::PathBuf;

use orgcraft::headless::log;
use orgcraft::headless::policy_by_name;
use orgcraft::report::session;

#[test]
fn three_tables_merge_into_one_report_and_strangers_are_refused() {
    let dir = std::env::temp_dir().join(format!("orgcraft-session-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let src = common::scenarios_dir().join("pmo_gantt.ron");
    let text = std::fs::read_to_string(&src).expect("read");
    let original = orgcraft::scenario::load(&src).expect("loads");
    let pack = session::new_pack(&original, &text, 7, 3, &dir).expect("pack");
    let sc = orgcraft::scenario::load(&pack).expect("the pack's scenario loads");
    assert_eq!(sc.content_hash, original.content_hash);
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("readme");
    assert!(readme.contains("--seed 7 --table table-3"));
    let mut logs: Vec<PathBuf> = Vec::new();
    for (i, bot) in ["servant", "yes-man", "crunch"].iter().enumerate() {
        let mut p = policy_by_name(bot).expect("bot");
        let (_, mut lg) = log::record(&sc, bot, p.as_mut(), 7, None);
        lg.table = Some(format!("table-{}", i + 1));
        let path = dir.join(format!("table-{}.json", i + 1));
        lg.write(&path).expect("write");
        logs.push(path);
    }
    let tables = session::load_tables(&sc, &logs, false).expect("merge");
    let out = dir.join("report");
    session::write_merge(&sc, &tables, &out).expect("write");
    let html = std::fs::read_to_string(out.join("index.html")).expect("html");
    let md = std::fs::read_to_string(out.join("report.md")).expect("md");
    for t in ["table-1", "table-2", "table-3"] {
        assert!(
            html.contains(t) && md.contains(t),
            "the report does not name {t}"
        );
    }
    assert!(html.contains("<svg class=\"scatter\""));
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    let div = session::divergences(&tables);
    assert!(!div.is_empty(), "three different bots never diverged?");
    assert_eq!(div[0].1.len(), 3);
    assert!(md.contains(&format!("Week {}", div[0].0)));
    // Another seed.
    let mut p = policy_by_name("servant").expect("bot");
    let (_, other_seed) = log::record(&sc, "servant", p.as_mut(), 8, None);
    let stranger = dir.join("stranger.json");
    other_seed.write(&stranger).expect("write");
    let e = session::load_tables(&sc, &[logs[0].clone(), stranger.clone()], false)
        .err()
        .expect("refused");
    assert!(e.contains("stranger.json") && e.contains("seed 8"), "{e}");
    // Another version of the scenario.
    let edited = orgcraft::scenario::parse("edited.ron", format!("{text}\n// v2").as_bytes())
        .expect("parses");
    let e = session::load_tables(&edited, &logs, false)
        .err()
        .expect("refused");
    assert!(
        e.contains("table-1.json") && e.contains("another version"),
        "{e}"
    );
}
